using System.Text.Json.Nodes;

namespace SoakPS.Module.Tests;

public class StartSoakRunTests
{
    [Fact]
    public void A_three_iteration_mock_run_with_auto_tune_streams_typed_iterations_and_writes_the_artifacts()
    {
        using var session = new PowerShellSession();
        var root = session.ArtifactRoot;
        var result = session.Run($"Start-SoakRun -Mock -Iterations 3 -AutoTune -Profile steady_safe -ArtifactPath '{root}'");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.All(result.Output, o => Assert.Equal("SoakPS.Output.SoakIteration", o.TypeName()));
        Assert.Equal(new[] { 1, 2, 3 }, result.Output.Select(o => o.Prop<int>("Iteration")));
        Assert.Contains(result.Output, o => o.Prop<bool>("Applied"));
        foreach (var n in new[] { 1, 2, 3 })
        {
            Assert.True(File.Exists(Path.Combine(root, "latest", $"ITER_SUMMARY_{n}.json")));
            Assert.True(File.Exists(Path.Combine(root, "latest", "reports", $"EDGE_REPORT_{n}.json")));
        }
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "TUNING_REPORT.json")))!;
        Assert.Equal(3, report["iterations"]!.AsArray().Count);
        foreach (var name in new[] { "run.json", "TUNING_STATE.json", "journal.jsonl" })
        {
            Assert.True(File.Exists(Path.Combine(root, "latest", name)), name);
        }

        // The live file holds the flat clamped sums of the applied deltas on top of steady_safe.
        var live = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "runtime_overrides.json")))!.AsObject();
        Assert.Equal(6, live.Count);
        var expected = new Dictionary<string, decimal>
        {
            ["base_spread_bps_delta"] = 0.16m, ["impact_cap_ratio"] = 0.08m, ["max_delta_ratio"] = 0.12m,
            ["min_interval_ms"] = 75m, ["replace_rate_per_min"] = 260m, ["tail_age_ms"] = 740m,
        };
        var summaries = Enumerable.Range(1, 3)
            .Select(n => JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", $"ITER_SUMMARY_{n}.json")))!).ToList();
        foreach (var s in summaries.Where(s => (bool)s["tuning"]!["applied"]!))
        {
            foreach (var (name, delta) in s["tuning"]!["deltas"]!.AsObject())
            {
                expected[name] += (decimal)delta!;
            }
        }
        foreach (var (name, value) in expected)
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Number, live[name]!.GetValueKind());
            Assert.Equal(value, (decimal)live[name]!);
        }
    }

    [Fact]
    public void Get_SoakIteration_reads_back_the_same_objects_in_numeric_order()
    {
        using var session = new PowerShellSession();
        var root = session.ArtifactRoot;
        var streamed = session.Run($"Start-SoakRun -Mock -Iterations 11 -AutoTune -ArtifactPath '{root}'").Output;
        var read = session.Run($"Get-SoakIteration -ArtifactPath '{root}'").Output;
        Assert.Equal(Enumerable.Range(1, 11), read.Select(i => i.Prop<int>("Iteration")));
        Assert.Equal(streamed.Select(o => o.Describe()), read.Select(o => o.Describe()));
        var last = session.Run($"Get-SoakIteration -ArtifactPath '{root}' -Last 2").Output.Select(o => o.Prop<int>("Iteration"));
        Assert.Equal(new[] { 10, 11 }, last);
    }

    [Fact]
    public void Fail_on_kpi_ends_with_a_terminating_error_when_the_run_verdict_is_fail()
    {
        using var session = new PowerShellSession();
        var result = session.Run($"Start-SoakRun -Mock -Iterations 2 -FailOnKpi -ArtifactPath '{session.ArtifactRoot}'");
        var error = result.ErrorWithId("KpiGateFailed");
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Equal(2, result.Output.Count);
    }

    [Theory]
    [InlineData("-Mock -Profile agressive", "ProfileNotFound")]
    [InlineData("-Mock -Set @{ min_interval_ms = 9999 }", "ParameterOutOfBounds")]
    [InlineData("-Command ./nobot", "BotCommandNotFound")]
    [InlineData("-Replay ./no-reports", "ReplayFolderNotFound")]
    [InlineData("-Mock -MetricsPort 9 -Dashboard -DashboardPort 10", "DashboardPortConflict")]
    public void WhatIf_refuses_what_the_run_would_refuse_with_the_same_ErrorId(string arguments, string errorId)
    {
        using var session = new PowerShellSession(new RecordingHost());
        var whatIf = session.Run($"Start-SoakRun {arguments} -Iterations 2 -WhatIf -ArtifactPath '{session.ArtifactRoot}'");
        var run = session.Run($"Start-SoakRun {arguments} -Iterations 2 -ArtifactPath '{session.ArtifactRoot}'");

        Assert.Equal(errorId, run.AllErrors.Single().FullyQualifiedErrorId.Split(',')[0]);
        whatIf.ErrorWithId(errorId);
        Assert.DoesNotContain("What if:", session.Host!.Interface.Text);
        Assert.False(Directory.Exists(Path.Combine(session.ArtifactRoot, "latest")));
    }

    [Fact]
    public void Resume_with_another_number_of_iterations_is_refused_by_name_not_as_an_ambiguous_parameter_set()
    {
        using var session = new PowerShellSession();
        Assert.Null(session.Run($"Start-SoakRun -Mock -Iterations 3 -ArtifactPath '{session.ArtifactRoot}'").Terminating);
        var result = session.Run($"Start-SoakRun -Resume -Iterations 30 -ArtifactPath '{session.ArtifactRoot}'");
        var error = result.ErrorWithId("ResumeIterationsDiffer");
        Assert.Contains("started with 3 iterations", error.Exception.Message);
        // The same number is what the run has: the run is then judged as without it (here: already completed).
        session.Run($"Start-SoakRun -Resume -Iterations 3 -ArtifactPath '{session.ArtifactRoot}'").ErrorWithId("RunAlreadyCompleted");
    }

    [Fact]
    public void The_prompt_for_a_missing_source_has_help_that_names_the_sources()
    {
        using var session = new PowerShellSession();
        var help = session.Run("(Get-Command Start-SoakRun).Parameters['Mock'].ParameterSets['Mock'].HelpMessage").Output.Single().ToString();
        foreach (var source in new[] { "-Mock", "-Simulate", "-Replay", "-Command", "-ReportPath", "-Resume" })
        {
            Assert.Contains(source, help);
        }
    }

    [Fact]
    public void WhatIf_starts_nothing()
    {
        using var session = new PowerShellSession();
        var result = session.Run($"Start-SoakRun -Mock -Iterations 2 -AutoTune -WhatIf -ArtifactPath '{session.ArtifactRoot}'");
        Assert.Empty(result.Output);
        Assert.False(Directory.Exists(Path.Combine(session.ArtifactRoot, "latest")));
        Assert.False(File.Exists(Path.Combine(session.ArtifactRoot, "runtime_overrides.json")));
    }

    [Fact]
    public void Progress_is_reported_and_completed()
    {
        using var session = new PowerShellSession();
        var result = session.Run($"Start-SoakRun -Mock -Iterations 3 -ArtifactPath '{session.ArtifactRoot}'");
        Assert.NotEmpty(result.Progress);
        Assert.Equal(System.Management.Automation.ProgressRecordType.Completed, result.Progress[^1].RecordType);
    }
}
