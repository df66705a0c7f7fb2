using System.Text.Json.Nodes;

namespace SoakPS.Module.Tests.Hardening;

/// <summary>Pipeline and reader defects once found at the PowerShell surface, hosted in the PowerShell SDK with the built module.</summary>
[Trait("Category", "Attack")]
public class PipelineAndReaderDefects
{
    private static string Live(string root) => File.ReadAllText(Path.Combine(root, "runtime_overrides.json"));

    private static JsonNode Overrides(string root, int n) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", $"ITER_SUMMARY_{n}.json")))!["tuning"]!["overrides"]!;

    private static string[] Journal(string root) => File.ReadAllLines(Path.Combine(root, "latest", "journal.jsonl"));

    [Fact]
    public void A_piped_iteration_is_undone_in_the_folder_it_came_from_not_the_default_one()
    {
        using var s = new PowerShellSession();
        var other = Path.Combine(s.ArtifactRoot, "other");
        var standard = Path.Combine(s.ArtifactRoot, "artifacts", "soak");
        s.Run($"Start-SoakRun -Mock -Iterations 5 -AutoTune -Seed 7 -ArtifactPath '{other}'");
        var here = $"$null = $ExecutionContext.SessionState.Path.SetLocation('{s.ArtifactRoot}'); ";
        var second = s.Run(here + "Start-SoakRun -Mock -Iterations 5 -AutoTune -Seed 8");
        Assert.True(second.AllErrors.Count == 0, string.Join("\n", second.AllErrors));
        Assert.Equal(standard, second.Output[0].Prop<string>("ArtifactPath"));
        var standardBefore = Live(standard);

        var undo = s.Run(here + $"Get-SoakIteration -Iteration 2 -ArtifactPath '{other}' | Undo-SoakTuning -Confirm:$false");

        Assert.Empty(undo.AllErrors);
        Assert.Equal(Overrides(other, 2).ToJsonString(), JsonNode.Parse(Live(other))!.ToJsonString());
        Assert.Contains(Journal(other), l => l.Contains("\"type\":\"undo\""));
        Assert.Equal(standardBefore, Live(standard));
        Assert.DoesNotContain(Journal(standard), l => l.Contains("\"type\":\"undo\""));
    }

    [Fact]
    public void A_piped_iteration_of_a_past_run_is_refused_because_another_run_governs_the_live_file()
    {
        using var s = new PowerShellSession();
        var first = s.Run($"Start-SoakRun -Mock -Iterations 4 -AutoTune -ArtifactPath '{s.ArtifactRoot}'").Output[0].Prop<string>("RunId");
        s.Run($"Start-SoakRun -Mock -Iterations 4 -AutoTune -Seed 9 -ArtifactPath '{s.ArtifactRoot}'");
        var before = Live(s.ArtifactRoot);

        var undo = s.Run($"Get-SoakIteration -RunId '{first}' -Iteration 2 -ArtifactPath '{s.ArtifactRoot}' | Undo-SoakTuning -Confirm:$false");

        var error = undo.ErrorWithId("IterationOfAnotherRun");
        Assert.Contains(first, error.Exception.Message);
        Assert.Empty(undo.Output);
        Assert.Equal(before, Live(s.ArtifactRoot));
    }

    [Fact]
    public void A_piped_iteration_object_carries_its_artifact_path_and_run()
    {
        using var s = new PowerShellSession();
        var run = s.Run($"Start-SoakRun -Mock -Iterations 2 -ArtifactPath '{s.ArtifactRoot}'").Output;
        var read = s.Run($"Get-SoakIteration -ArtifactPath '{s.ArtifactRoot}'").Output;
        Assert.All(run.Concat(read), o => Assert.Equal(s.ArtifactRoot, o.Prop<string>("ArtifactPath")));
        Assert.All(read, o => Assert.Equal(run[0].Prop<string>("RunId"), o.Prop<string>("RunId")));
    }

    [Fact]
    public void Declining_the_confirmation_writes_nothing_to_the_pipeline_and_changes_nothing()
    {
        var host = new RecordingHost();
        using var s = new PowerShellSession(host);
        s.Run($"Start-SoakRun -Mock -Iterations 4 -AutoTune -ArtifactPath '{s.ArtifactRoot}'");
        var before = Live(s.ArtifactRoot);
        host.Interface.ChoiceAnswer = "No";

        var declined = s.Run($"Undo-SoakTuning -ToProfile aggressive -ArtifactPath '{s.ArtifactRoot}'");

        Assert.NotEmpty(host.Interface.Prompts);
        Assert.Empty(declined.Output);
        Assert.Equal(before, Live(s.ArtifactRoot));

        var preview = s.Run($"Undo-SoakTuning -ToProfile aggressive -WhatIf -ArtifactPath '{s.ArtifactRoot}'");
        Assert.NotEmpty(preview.Output);
        Assert.All(preview.Output, o => Assert.True(o.Prop<bool>("WhatIf")));
    }

    [Theory]
    [InlineData("Get-SoakIteration")]
    [InlineData("Get-SoakTuningState")]
    [InlineData("Get-SoakProfile")]
    [InlineData("Invoke-SoakRotation -WhatIf")]
    [InlineData("Undo-SoakTuning -Confirm:$false")]
    public void A_missing_artifact_folder_is_an_error_not_an_empty_result(string command)
    {
        using var s = new PowerShellSession();
        var missing = Path.Combine(s.ArtifactRoot, "does", "not", "exist");
        var result = s.Run($"{command} -ArtifactPath '{missing}'");
        var error = result.ErrorWithId("ArtifactPathNotFound");
        Assert.Contains(missing, error.Exception.Message);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.False(Directory.Exists(missing));
    }

    [Theory]
    [InlineData("file")]
    [InlineData("/dev/null")]
    [InlineData("loop")]
    public void An_artifact_path_that_cannot_be_a_folder_is_named_clearly_by_readers_and_writers(string kind)
    {
        if (OperatingSystem.IsWindows() && kind != "file")
        {
            return; // No /dev/null, and symlinks need privileges there; the Linux runs cover these.
        }
        using var s = new PowerShellSession();
        var path = kind switch
        {
            "file" => Path.Combine(s.ArtifactRoot, "a-file"),
            "loop" => Path.Combine(s.ArtifactRoot, "loop"),
            _ => kind,
        };
        if (kind == "file") File.WriteAllText(path, "x");
        if (kind == "loop") File.CreateSymbolicLink(path, path);
        var expected = kind == "loop" ? "ArtifactPathUnresolvable" : "ArtifactPathNotAFolder";

        foreach (var command in new[] { "Get-SoakIteration", "Start-SoakRun -Mock -Iterations 1", "Set-SoakProfile -Name steady_safe" })
        {
            var result = s.Run($"{command} -ArtifactPath '{path}'");
            Assert.Equal(expected, result.AllErrors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).FirstOrDefault());
        }
    }

    [Fact]
    public void Set_SoakProfile_journals_its_change_so_a_run_and_undo_know_of_it()
    {
        using var s = new PowerShellSession();
        s.Run($"Start-SoakRun -Mock -Iterations 4 -AutoTune -ArtifactPath '{s.ArtifactRoot}'");

        var set = s.Run($"Set-SoakProfile -Name ultra_safe -ArtifactPath '{s.ArtifactRoot}'");

        Assert.Empty(set.AllErrors);
        var last = JsonNode.Parse(Journal(s.ArtifactRoot)[^1])!;
        Assert.Equal("external_change", (string?)last["type"]);
        Assert.Contains("ultra_safe", (string?)last["detail"]);
        Assert.Equal(80m, (decimal)last["overrides"]!["min_interval_ms"]!);
        // An undo no longer reaches past the operator's change.
        s.Run($"Undo-SoakTuning -Steps 1 -Confirm:$false -ArtifactPath '{s.ArtifactRoot}'").ErrorWithId("NothingToUndo");
    }
}
