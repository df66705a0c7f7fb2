using System.Text.Json.Nodes;

namespace SoakPS.Module.Tests;

/// <summary>
/// Invoke-SoakRotation in the host: what -WhatIf and -Confirm show, warnings, a run in another runspace, and the
/// objects Get-SoakIteration reads back. Its user-facing contract is tests/pester/Invoke-SoakRotation.Tests.ps1.
/// </summary>
public class RotationTests
{
    /// <summary>What -WhatIf prints on the host; that it changes nothing is tests/pester/Invoke-SoakRotation.Tests.ps1's.</summary>
    [Fact]
    public void WhatIf_lists_every_action_on_the_host()
    {
        var host = new RecordingHost();
        using var s = new PowerShellSession(host);
        var root = s.ArtifactRoot;
        s.Run($"Start-SoakRun -Mock -Iterations 8 -ArtifactPath '{root}'");
        var result = s.Run($"Invoke-SoakRotation -KeepSummaries 3 -CompressAfterDays 0 -WhatIf -ArtifactPath '{root}'");
        // The projection counts what would go (the five old summaries; the snapshot would be compressed).
        var projection = Assert.Single(result.Output);
        Assert.Equal((5, 1), (projection.Prop<int?>("WouldRemove"), projection.Prop<int?>("WouldCompress")));
        var text = host.Interface.Text;
        // The five old summaries are one action, shown as their folder's range, as Remove-Item -Recurse shows a folder.
        var range = Path.Join(root, "latest", "ITER_SUMMARY_<n>.json(.gz)") + " for every n below 6 (5 files)";
        Assert.Contains($"What if: Performing the operation \"RemoveSummary (older than the newest 3 iterations (kept from 6))\" on target \"{range}\".", text);
        Assert.Contains("CompressSnapshot", text);
    }

    [Fact]
    public void Answering_no_at_confirm_keeps_every_summary_of_the_range_and_counts_them_declined()
    {
        var host = new RecordingHost();
        host.Interface.ChoiceAnswer = "No";
        using var s = new PowerShellSession(host);
        var root = s.ArtifactRoot;
        s.Run($"Start-SoakRun -Mock -Iterations 8 -ArtifactPath '{root}'");

        var result = Assert.Single(s.Run($"Invoke-SoakRotation -KeepSummaries 3 -Confirm -ArtifactPath '{root}'").Output);

        Assert.Contains(host.Interface.Prompts, p => p.Contains("for every n below 6 (5 files)"));
        Assert.Equal((0, 5), (result.Prop<int>("Removed"), result.Prop<int>("Declined")));
        Assert.Equal(8, Directory.GetFiles(Path.Combine(root, "latest"), "ITER_SUMMARY_*.json").Length);
    }

    [Fact]
    public void Over_budget_warns_and_says_so_in_the_result()
    {
        using var s = new PowerShellSession();
        var root = s.ArtifactRoot;
        s.Run($"Start-SoakRun -Mock -Iterations 3 -ArtifactPath '{root}'");
        File.WriteAllBytes(Path.Combine(root, "big.bin"), new byte[2 * 1024 * 1024]);
        var result = s.Run($"Invoke-SoakRotation -MaxSizeMB 1 -ArtifactPath '{root}'");
        Assert.True(Assert.Single(result.Output).Prop<bool>("OverBudget"));
        Assert.Contains(result.Warnings, w => w.Message.Contains("over the 1 MB budget"));
    }

    [Fact]
    public void Rotation_during_an_active_run_removes_nothing_of_that_run()
    {
        using var runner = new PowerShellSession();
        using var rotator = new PowerShellSession();
        var root = runner.ArtifactRoot;
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runner.Runspace;
        ps.AddScript($"Start-SoakRun -Mock -Iterations 100000 -IntervalSeconds 0.01 -ArtifactPath '{root}'");
        var output = new System.Management.Automation.PSDataCollection<System.Management.Automation.PSObject>();
        var enough = new ManualResetEventSlim();
        output.DataAdded += (_, _) => { if (output.Count >= 5) enough.Set(); };
        var async = ps.BeginInvoke<System.Management.Automation.PSObject, System.Management.Automation.PSObject>(null, output);
        Assert.True(enough.Wait(TimeSpan.FromSeconds(60)));

        var result = rotator.Run($"Invoke-SoakRotation -KeepSummaries 1 -CompressAfterDays 0 -ArtifactPath '{root}'");
        var summary = Assert.Single(result.Output);
        Assert.Equal(0, summary.Prop<int>("Removed"));
        ps.Stop();
        try { ps.EndInvoke(async); } catch (System.Management.Automation.PipelineStoppedException) { }
        var numbers = Directory.GetFiles(Path.Combine(root, "latest"), "ITER_SUMMARY_*.json")
            .Select(f => int.Parse(Path.GetFileName(f)["ITER_SUMMARY_".Length..^".json".Length])).OrderBy(n => n).ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.True(numbers.Count >= 5);
    }

    [Fact]
    public void Get_SoakIteration_returns_identical_objects_before_and_after_compression()
    {
        using var s = new PowerShellSession();
        var root = s.ArtifactRoot;
        s.Run($"Start-SoakRun -Mock -Iterations 6 -AutoTune -ArtifactPath '{root}'");
        var firstRun = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "run.json")))!["run_id"]!.GetValue<string>();
        s.Run($"Start-SoakRun -Mock -Iterations 2 -ArtifactPath '{root}'");
        var before = s.Run($"Get-SoakIteration -RunId {firstRun} -ArtifactPath '{root}'").Output.Select(o => o.Describe()).ToList();

        var rotation = Assert.Single(s.Run($"Invoke-SoakRotation -CompressAfterDays 0 -ArtifactPath '{root}'").Output);
        Assert.True(rotation.Prop<int>("Compressed") > 0);
        var runFolder = Path.Combine(root, "runs", firstRun);
        Assert.NotEmpty(Directory.GetFiles(runFolder, "ITER_SUMMARY_*.json.gz"));
        Assert.Empty(Directory.GetFiles(runFolder, "ITER_SUMMARY_*.json"));

        var after = s.Run($"Get-SoakIteration -RunId {firstRun} -ArtifactPath '{root}'").Output.Select(o => o.Describe()).ToList();
        Assert.Equal(6, after.Count);
        Assert.Equal(before, after);
    }
}
