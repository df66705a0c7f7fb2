using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using SoakPS.Engine.Files;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Tests.Artifacts;

/// <summary>The run lock between real processes: a killed holder, two runs racing for one root, termination signals.</summary>
public sealed class RunLockProcessTests : IDisposable
{
    private readonly TempFolder _temp = new("soakps-lock-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    [Trait(WindowsLane.Trait, WindowsLane.Windows)]
    public void A_second_run_is_refused_naming_the_holder_and_allowed_once_the_holder_is_killed()
    {
        var root = _temp["root"];
        using var first = ChildSoak.Start(root, 10_000, 0.05);
        Assert.Equal("iteration 1", first.StandardOutput.ReadLine());
        var firstRunId = RunId(root);

        var refused = Finish(ChildSoak.Start(root, 2, 0));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error ArtifactRootLocked", refused.Stderr);
        Assert.Contains($"process {first.Id} on {Environment.MachineName}, run {firstRunId}", refused.Stderr);
        Assert.Equal(firstRunId, RunId(root));

        first.Kill();
        first.WaitForExit();
        var next = Finish(ChildSoak.Start(root, 2, 0));
        Assert.True(next.ExitCode == 0, next.Stderr);
        Assert.Contains($"warning: Took over a stale lock left by process {first.Id}", next.Stdout);
        Assert.Equal("running", Status(Path.Combine(root, "runs", firstRunId)));
        Assert.Equal("completed", Status(Path.Combine(root, "latest")));
    }

    [Fact]
    [Trait(WindowsLane.Trait, WindowsLane.Windows)]
    public void Two_runs_racing_for_a_root_after_a_crash_one_wins_and_nothing_of_its_latest_moves()
    {
        var root = _temp["root"];
        using (var crashed = ChildSoak.Start(root, 10_000, 0.05))
        {
            Assert.Equal("iteration 1", crashed.StandardOutput.ReadLine());
            crashed.Kill();
            crashed.WaitForExit();
        }
        var crashedRunId = RunId(root);
        Assert.NotNull(RunLock.ReadHolder(new ArtifactLayout(root)));

        var go = _temp["go"];
        using var a = ChildSoak.Start(root, 6, 0.25, startWhen: go);
        using var b = ChildSoak.Start(root, 6, 0.25, startWhen: go);
        Thread.Sleep(TimeSpan.FromSeconds(1.5)); // both processes are up and polling for the go file
        File.WriteAllText(go, "");
        var results = new[] { Finish(a), Finish(b) };

        var winner = Assert.Single(results, r => r.ExitCode == 0);
        var loser = Assert.Single(results, r => r.ExitCode != 0);
        Assert.Equal(2, loser.ExitCode);
        Assert.Contains("error ArtifactRootLocked", loser.Stderr);
        Assert.Contains($"process {winner.Pid} on", loser.Stderr);
        Assert.Equal(6, winner.Stdout.Split('\n').Count(l => l.StartsWith("iteration ", StringComparison.Ordinal)));

        // The winner's run is still latest/ with all of its iterations; the crashed run was archived once.
        Assert.Equal("completed", Status(Path.Combine(root, "latest")));
        Assert.Equal(6, IterationFiles.List(Path.Combine(root, "latest")).Count);
        Assert.Equal(new[] { crashedRunId }, Directory.GetDirectories(Path.Combine(root, "runs")).Select(Path.GetFileName));
        Assert.Null(RunLock.ActiveHolder(new ArtifactLayout(root)));
    }

    [SkippableTheory]
    [InlineData(15)] // SIGTERM: a scheduler or CI runner ending the job
    [InlineData(1)]  // SIGHUP: the terminal or SSH session went away
    public void A_termination_signal_stops_the_run_like_Ctrl_C(int signal)
    {
        Skip.If(OperatingSystem.IsWindows(), "POSIX signals are sent with kill(2); Windows console close maps to SIGHUP inside .NET and has no sender here.");
        var root = _temp["root"];
        var layout = new ArtifactLayout(root);
        using var run = ChildSoak.Start(root, 10_000, 0.05);
        Assert.Equal("iteration 1", run.StandardOutput.ReadLine());
        Assert.NotNull(RunLock.ActiveHolder(layout));

        Assert.Equal(0, Kill(run.Id, signal));
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(30)), "the run did not end on the signal");

        var manifest = JsonNode.Parse(File.ReadAllText(layout.LatestRun.RunManifest))!;
        Assert.Equal("stopped", (string)manifest["status"]!);
        Assert.NotNull((string?)manifest["ended_utc"]);
        Assert.Equal(JournalEntry.RunEnded, new JournalFile(layout.LatestRun.Journal).Read().Last().Type);
        Assert.False(File.Exists(layout.LockFile), "the holder record is removed on the way out");
        Assert.Null(RunLock.ActiveHolder(layout));
        var next = Finish(ChildSoak.Start(root, 1, 0));
        Assert.True(next.ExitCode == 0, next.Stderr);
        Assert.DoesNotContain("stale lock", next.Stdout);
    }

    private sealed record Finished(int Pid, int ExitCode, string Stdout, string Stderr);

    private static Finished Finish(Process process)
    {
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "child did not finish");
            return new Finished(process.Id, process.ExitCode, stdout, stderr.Result);
        }
    }

    private static string RunId(string root) => (string)JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "run.json")))!["run_id"]!;

    private static string Status(string folder) => (string)JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "run.json")))!["status"]!;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
