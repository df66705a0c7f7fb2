using System.Text.Json.Nodes;

namespace SoakPS.Module.Tests;

/// <summary>
/// Undo-SoakTuning and Get-SoakTuningState in the host: -Steps against the journal, pipeline binding from
/// Get-SoakIteration, error records. Restoring a profile and -WhatIf are tests/pester/Undo-SoakTuning.Tests.ps1's.
/// </summary>
public class UndoAndStateTests
{
    private static Dictionary<string, decimal> Live(PowerShellSession s) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(s.ArtifactRoot, "runtime_overrides.json")))!.AsObject()
            .ToDictionary(kv => kv.Key, kv => (decimal)kv.Value!);

    private static Dictionary<string, decimal> Summary(PowerShellSession s, int n) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(s.ArtifactRoot, "latest", $"ITER_SUMMARY_{n}.json")))!["tuning"]!["overrides"]!.AsObject()
            .ToDictionary(kv => kv.Key, kv => (decimal)kv.Value!);

    [Fact]
    public void Undo_one_step_restores_the_values_before_the_last_apply()
    {
        using var s = new PowerShellSession();
        var run = s.Run($"Start-SoakRun -Mock -Iterations 6 -AutoTune -ArtifactPath '{s.ArtifactRoot}'");
        var applied = run.Output.Where(o => o.Prop<bool>("Applied")).Select(o => o.Prop<int>("Iteration")).ToList();
        Assert.NotEmpty(applied);
        var before = applied[^1] == 1 ? null : Summary(s, applied[^1] - 1);

        var result = s.Run($"Undo-SoakTuning -Steps 1 -Confirm:$false -ArtifactPath '{s.ArtifactRoot}'");
        Assert.Empty(result.AllErrors);
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o => Assert.Equal("SoakPS.Output.SoakParameterChange", o.TypeName()));
        if (before is not null)
        {
            Assert.Equal(before, Live(s));
        }
        var journal = File.ReadAllLines(Path.Combine(s.ArtifactRoot, "latest", "journal.jsonl"));
        Assert.Contains(journal, l => l.Contains("\"type\":\"undo\""));
    }

    [Fact]
    public void Undo_to_an_iteration_binds_from_Get_SoakIteration()
    {
        using var s = new PowerShellSession();
        s.Run($"Start-SoakRun -Mock -Iterations 5 -AutoTune -ArtifactPath '{s.ArtifactRoot}'");
        var result = s.Run($"Get-SoakIteration -Iteration 1 -ArtifactPath '{s.ArtifactRoot}' | Undo-SoakTuning -Confirm:$false -ArtifactPath '{s.ArtifactRoot}'");
        Assert.Empty(result.AllErrors);
        Assert.Equal(Summary(s, 1), Live(s));
    }

    [Fact]
    public void Undo_with_nothing_to_undo_is_a_clear_error()
    {
        using var s = new PowerShellSession();
        s.Run($"Start-SoakRun -Mock -Iterations 2 -ArtifactPath '{s.ArtifactRoot}'");
        var result = s.Run($"Undo-SoakTuning -Confirm:$false -ArtifactPath '{s.ArtifactRoot}'");
        var error = result.ErrorWithId("NothingToUndo");
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Tuning_state_shows_the_guards_and_the_velocity_budget()
    {
        using var s = new PowerShellSession();
        s.Run($"Start-SoakRun -Mock -Iterations 6 -AutoTune -ArtifactPath '{s.ArtifactRoot}'");
        var state = Assert.Single(s.Run($"Get-SoakTuningState -ArtifactPath '{s.ArtifactRoot}'").Output);
        Assert.Equal("SoakPS.Output.SoakTuningState", state.TypeName());
        Assert.Equal(6, state.Prop<int>("Iteration"));
        Assert.Contains("min_interval_ms", state.Prop<string>("VelocityBudget"));
        Assert.False(state.Prop<bool>("RebuiltFromJournal"));

        var rows = s.Run($"Get-SoakTuningState -ByParameter -ArtifactPath '{s.ArtifactRoot}'").Output;
        Assert.Equal(6, rows.Count);
        var interval = Assert.Single(rows, r => r.Prop<string>("Parameter") == "min_interval_ms");
        Assert.Equal(30m, interval.Prop<decimal>("VelocityLimit"));
        Assert.Equal(30m, interval.Prop<decimal>("VelocityLeft") + interval.Prop<decimal>("VelocityUsed"));

        File.WriteAllText(Path.Combine(s.ArtifactRoot, "latest", "TUNING_STATE.json"), "{broken");
        var rebuilt = s.Run($"Get-SoakTuningState -ArtifactPath '{s.ArtifactRoot}'");
        Assert.True(Assert.Single(rebuilt.Output).Prop<bool>("RebuiltFromJournal"));
        Assert.Equal(state.Prop<int>("Applies"), rebuilt.Output[0].Prop<int>("Applies"));
        Assert.NotEmpty(rebuilt.Warnings);
    }

    [Fact]
    public void By_parameter_shows_integers_as_integers_and_a_run_that_never_tuned_without_failing()
    {
        using var s = new PowerShellSession(new RecordingHost());
        Directory.CreateDirectory(Path.Combine(s.ArtifactRoot, "profiles"));
        // Written as a person writes them: a parameter value and a velocity limit with trailing zeros.
        File.WriteAllText(Path.Combine(s.ArtifactRoot, "profiles", "written.json"),
            """{"parameters": {"min_interval_ms": 72.00}, "policy": {"guards": {"velocity_limits": {"min_interval_ms": 30.00}}}}""");
        // Without -AutoTune the run never tunes: no market time, no velocity used.
        Assert.Null(s.Run($"Start-SoakRun -Mock -Iterations 2 -Profile written -ArtifactPath '{s.ArtifactRoot}'").Terminating);

        var result = s.Run($"Get-SoakTuningState -ByParameter -ArtifactPath '{s.ArtifactRoot}'");
        Assert.Empty(result.AllErrors);
        var interval = Assert.Single(result.Output, r => r.Prop<string>("Parameter") == "min_interval_ms");
        Assert.Equal("72", interval.Prop<decimal>("Value").ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("30", interval.Prop<decimal>("VelocityLimit").ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("30", interval.Prop<decimal>("VelocityLeft").ToString(System.Globalization.CultureInfo.InvariantCulture));
        var text = s.Render($"Get-SoakTuningState -ByParameter -ArtifactPath '{s.ArtifactRoot}'");
        Assert.DoesNotContain(".00", text);
        Assert.Matches("min_interval_ms\\s+72\\s+False\\s+0\\s+30\\s+30", text);
        Assert.Empty(s.Run($"Get-SoakTuningState -ArtifactPath '{s.ArtifactRoot}'").AllErrors);
    }

    [Fact]
    public void Undo_messages_count_applies_in_words_not_apply_s()
    {
        using var s = new PowerShellSession();
        var run = s.Run($"Start-SoakRun -Mock -Iterations 6 -AutoTune -ArtifactPath '{s.ArtifactRoot}'");
        var applies = run.Output.Count(o => o.Prop<bool>("Applied"));
        Assert.True(applies >= 2, $"{applies} applies");
        var tooFar = s.Run($"Undo-SoakTuning -Steps 99 -Confirm:$false -ArtifactPath '{s.ArtifactRoot}'").ErrorWithId("UndoTooFar");
        Assert.Equal($"Only {applies} applies can be undone, not 99.", tooFar.Exception.Message);
        var host = new RecordingHost();
        using var shown = new PowerShellSession(host);
        shown.Run($"Undo-SoakTuning -Steps 1 -WhatIf -ArtifactPath '{s.ArtifactRoot}'");
        shown.Run($"Undo-SoakTuning -Steps 2 -WhatIf -ArtifactPath '{s.ArtifactRoot}'");
        Assert.Contains("the last apply", host.Interface.Text);
        Assert.Contains("the last 2 applies", host.Interface.Text);
        Assert.DoesNotContain("(s)", host.Interface.Text);
    }
}
