using System.Text.Json.Nodes;
using SoakPS.Engine.Files;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Json;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Tests;

/// <summary>docs/artifacts.md: SIGKILL at any moment never corrupts a file, never loses a completed iteration, and -Resume never applies twice.</summary>
[Trait("Category", "Slow")]
public class CrashSafetyTests
{
    private const int Iterations = 200;

    // A short pause between iterations spreads the run out; kills are placed by progress, so machine speed does not matter.
    private const double Interval = 0.01;

    private const int Kills = 8;

    [Fact]
    public void Killing_the_run_at_many_points_then_resuming_gives_the_uninterrupted_result()
    {
        var reference = Path.Combine(Path.GetTempPath(), "soakps-crash", Guid.NewGuid().ToString("N"));
        var crashed = Path.Combine(Path.GetTempPath(), "soakps-crash", Guid.NewGuid().ToString("N"));
        try
        {
            ChildSoak.RunToEnd(reference, Iterations, resume: false);
            var expected = Fingerprint(reference);
            Assert.Equal(Iterations, expected.Count);

            var random = new Random(1234);
            var kills = 0;
            var completedBefore = 0;
            for (var attempt = 0; attempt < 3 * Kills && kills < Kills && !IsCompleted(crashed); attempt++)
            {
                AssertConsistent(crashed, ref completedBefore);
                // A kill before run.json existed leaves nothing to resume: the next attempt starts the run.
                var resume = new ArtifactLayout(crashed).LatestRun.Exists;
                using var child = ChildSoak.Start(crashed, Iterations, Interval, resume);
                // After a random number of further completed iterations, at a random moment inside the next one.
                if (WaitForProgress(crashed, completedBefore + random.Next(1, 12), child) && KilledMidRun(child, crashed, random.Next(0, 10)))
                {
                    kills++;
                }
            }
            if (!IsCompleted(crashed))
            {
                ChildSoak.RunToEnd(crashed, Iterations, resume: true);
            }
            AssertConsistent(crashed, ref completedBefore);

            Assert.Equal(Kills, kills);
            Assert.Equal(expected, Fingerprint(crashed));
            var decisions = new JournalFile(new ArtifactLayout(crashed).LatestRun.Journal).Read().Where(e => e.Type == JournalEntry.Decision).ToList();
            Assert.Equal(Iterations, decisions.Count);
            Assert.Equal(Iterations, decisions.Select(d => d.Iteration).Distinct().Count());
            var report = JsonNode.Parse(File.ReadAllText(new ArtifactLayout(crashed).LatestRun.TuningReport))!;
            Assert.Equal(Iterations, report["iterations"]!.AsArray().Count);
        }
        finally
        {
            foreach (var d in new[] { reference, crashed })
            {
                try { Directory.Delete(d, true); } catch (IOException) { }
            }
        }
    }

    private static int Completed(string root) => IterationFiles.List(new ArtifactLayout(root).Latest).Count;

    private static bool WaitForProgress(string root, int completed, System.Diagnostics.Process child)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!child.HasExited && Completed(root) < completed)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), "the child made no progress");
            Thread.Sleep(1);
        }
        return !child.HasExited;
    }

    /// <summary>Counts only a kill that hit a live child before its last iteration: it must die by the signal, not exit on its own.</summary>
    private static bool KilledMidRun(System.Diagnostics.Process child, string root, int delayMilliseconds)
    {
        Thread.Sleep(delayMilliseconds);
        if (child.HasExited || Completed(root) >= Iterations)
        {
            child.WaitForExit();
            return false;
        }
        child.Kill(entireProcessTree: true);
        child.WaitForExit();
        return child.ExitCode != 0;
    }

    private static bool IsCompleted(string root)
    {
        var layout = new ArtifactLayout(root);
        return layout.LatestRun.Exists && SoakJson.Deserialize<RunManifest>(File.ReadAllText(layout.LatestRun.RunManifest)).Status == RunStatus.Completed;
    }

    /// <summary>Every JSON file parses, no temp file passes for an artifact, and completed iterations never go away.</summary>
    private static void AssertConsistent(string root, ref int completedBefore)
    {
        if (!Directory.Exists(root)) return;
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.True(JsonNode.Parse(text) is not null, file);
        }
        var layout = new ArtifactLayout(root);
        var numbers = IterationFiles.List(layout.Latest).Select(f => f.Iteration).ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.True(numbers.Count >= completedBefore, $"completed iterations went from {completedBefore} to {numbers.Count}");
        completedBefore = numbers.Count;
        foreach (var line in new JournalFile(layout.LatestRun.Journal).Read())
        {
            Assert.False(string.IsNullOrEmpty(line.Type));
        }
    }

    private static List<string> Fingerprint(string root) => IterationFiles.List(new ArtifactLayout(root).Latest)
        .Select(f => SoakJson.Deserialize<IterationSummary>(File.ReadAllText(f.Path)))
        .Select(s => $"{s.Iteration} {s.Kpi.Verdict} {s.Tuning.Applied} {s.Tuning.SkipReason} {s.Tuning.StateHash} " +
                     string.Join(",", s.Tuning.Outcomes.Values.Select(o => $"{o.Parameter}:{o.Status}:{o.New}")))
        .ToList();
}
