using System.Management.Automation;
using System.Text.Json.Nodes;

namespace SoakPS.Module.Tests;

/// <summary>Start-SoakRun ends with one summary line on the information stream: run id, verdict, applies, guard events, artifact path.</summary>
public class RunSummaryLineTests
{
    [Fact]
    public void A_run_ends_with_one_summary_line_that_matches_its_files()
    {
        using var session = new PowerShellSession();
        var root = session.ArtifactRoot;
        var result = session.Run($"Start-SoakRun -Mock -Iterations 6 -AutoTune -ArtifactPath '{root}'");
        Assert.Null(result.Terminating);
        Assert.All(result.Output, o => Assert.Equal("SoakPS.Output.SoakIteration", o.TypeName()));

        var summary = Assert.Single(result.Information, r => r.Tags.Contains("SoakPS.RunSummary"));
        Assert.Same(summary, result.Information[^1]);
        Assert.Contains("PSHOST", summary.Tags);
        var line = summary.MessageData.ToString()!;
        Assert.DoesNotContain('\n', line);

        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "run.json")))!;
        var counters = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "TUNING_STATE.json")))!["counters"]!.AsObject();
        var applies = counters["applies"]?.GetValue<int>() ?? 0;
        var guardEvents = counters.Where(c => c.Key != "applies").Sum(c => c.Value!.GetValue<int>());
        Assert.True(applies > 0 && guardEvents > 0, "the sample run should both apply and meet guards");
        Assert.Equal(
            $"Run {run["run_id"]} completed after 6 iterations: verdict {run["verdict"]}, {applies} {(applies == 1 ? "apply" : "applies")}, {guardEvents} guard event{(guardEvents == 1 ? "" : "s")}; artifacts in {Path.Combine(root, "latest")}",
            line);
        Assert.Equal(result.Output[0].Prop<string>("RunId"), run["run_id"]!.GetValue<string>());
    }

    [Fact]
    public void A_run_that_fails_the_KPI_gate_still_writes_its_summary_line_first()
    {
        using var session = new PowerShellSession();
        var result = session.Run($"Start-SoakRun -Mock -Iterations 3 -FailOnKpi -ArtifactPath '{session.ArtifactRoot}'");
        Assert.Equal("KpiGateFailed", result.ErrorWithId("KpiGateFailed").FullyQualifiedErrorId.Split(',')[0]);
        var line = Assert.Single(result.Information, r => r.Tags.Contains("SoakPS.RunSummary")).MessageData.ToString();
        Assert.Contains("verdict FAIL", line);
    }

    [Fact]
    public void WhatIf_starts_no_run_and_writes_no_summary()
    {
        using var session = new PowerShellSession();
        var result = session.Run($"Start-SoakRun -Mock -Iterations 3 -ArtifactPath '{session.ArtifactRoot}' -WhatIf");
        Assert.Empty(result.Output);
        Assert.DoesNotContain(result.Information, r => r.Tags.Contains("SoakPS.RunSummary"));
    }

    [Fact]
    public void One_of_a_thing_is_singular_in_the_summary_line_and_the_verbose_lines_have_no_empty_parentheses()
    {
        using var session = new PowerShellSession();
        var result = session.Run($"Start-SoakRun -Mock -Iterations 1 -Verbose -ArtifactPath '{session.ArtifactRoot}'");
        var line = Assert.Single(result.Information, r => r.Tags.Contains("SoakPS.RunSummary")).MessageData.ToString()!;
        Assert.Contains(" completed after 1 iteration: ", line);
        Assert.DoesNotContain("(s)", line);
        Assert.Contains(result.Verbose, v => v.Message.StartsWith("Starting overrides: ", StringComparison.Ordinal) && v.Message.EndsWith("(all defaults).", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Verbose, v => v.Message.Contains("()", StringComparison.Ordinal));
    }
}
