using System.Management.Automation;
using System.Text.Json.Nodes;

namespace SoakPS.Module.Tests;

public class RunLifecycleTests
{
    [Fact]
    public void Stop_during_a_run_leaves_every_file_valid_and_the_run_marked_stopped_and_a_second_run_is_refused_meanwhile()
    {
        using var first = new PowerShellSession();
        using var second = new PowerShellSession();
        var root = first.ArtifactRoot;
        using var ps = PowerShell.Create();
        ps.Runspace = first.Runspace;
        ps.AddScript($"Start-SoakRun -Mock -Iterations 100000 -AutoTune -IntervalSeconds 0.02 -ArtifactPath '{root}'");
        var output = new PSDataCollection<PSObject>();
        var started = new ManualResetEventSlim();
        output.DataAdded += (_, _) => started.Set();
        var async = ps.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(started.Wait(TimeSpan.FromSeconds(60)), "no iteration within a minute");

        var refused = second.Run($"Start-SoakRun -Mock -Iterations 2 -ArtifactPath '{root}'");
        var error = refused.ErrorWithId("ArtifactRootLocked");
        Assert.Equal(ErrorCategory.ResourceBusy, error.CategoryInfo.Category);
        Assert.Contains($"process {Environment.ProcessId}", error.Exception.Message);

        ps.Stop();
        try { ps.EndInvoke(async); } catch (PipelineStoppedException) { }
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "run.json")))!;
        Assert.Equal("stopped", (string)manifest["status"]!);
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories))
        {
            Assert.NotNull(JsonNode.Parse(File.ReadAllText(file)));
        }
        Assert.False(File.Exists(Path.Combine(root, "soak.lock")));

        // The stopped run resumes to its end from where it was.
        var completed = (int)manifest["iterations_completed"]!;
        Assert.True(completed >= 1);
    }

    [Fact]
    public void Resume_continues_a_stopped_run_with_nothing_else_given()
    {
        using var s = new PowerShellSession();
        var root = s.ArtifactRoot;
        using (var ps = PowerShell.Create())
        {
            ps.Runspace = s.Runspace;
            ps.AddScript($"Start-SoakRun -Mock -Iterations 40 -AutoTune -Seed 9 -IntervalSeconds 0.05 -ArtifactPath '{root}'");
            var output = new PSDataCollection<PSObject>();
            var third = new ManualResetEventSlim();
            output.DataAdded += (_, _) => { if (output.Count >= 3) third.Set(); };
            var async = ps.BeginInvoke<PSObject, PSObject>(null, output);
            Assert.True(third.Wait(TimeSpan.FromSeconds(60)));
            ps.Stop();
            try { ps.EndInvoke(async); } catch (PipelineStoppedException) { }
        }
        var done = Directory.GetFiles(Path.Combine(root, "latest"), "ITER_SUMMARY_*.json").Length;
        Assert.InRange(done, 3, 39);

        var resumed = s.Run($"Start-SoakRun -Resume -IntervalSeconds 0 -ArtifactPath '{root}'");
        Assert.Empty(resumed.AllErrors);
        Assert.Equal(Enumerable.Range(done + 1, 40 - done), resumed.Output.Select(o => o.Prop<int>("Iteration")));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "run.json")))!;
        Assert.Equal("completed", (string)manifest["status"]!);
        Assert.Equal(9, (int)manifest["seed"]!);
        var journal = File.ReadAllLines(Path.Combine(root, "latest", "journal.jsonl"));
        var decided = journal.Where(l => l.Contains("\"type\":\"decision\"")).Select(l => (int)JsonNode.Parse(l)!["iteration"]!).ToList();
        Assert.Equal(Enumerable.Range(1, 40), decided);
    }
}
