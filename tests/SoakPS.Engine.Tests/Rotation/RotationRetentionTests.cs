using System.Text.Json;
using SoakPS.Engine.Files;
using SoakPS.Engine.Rotation;

namespace SoakPS.Engine.Tests.Rotation;

public class RotationRetentionTests
{
    public static TheoryData<string> MtimeOrders => new() { "all-equal", "newest-number-oldest-time", "shuffled" };

    [Theory]
    [MemberData(nameof(MtimeOrders))]
    public void Keeps_exactly_the_newest_100_by_iteration_number_whatever_the_modification_times(string order)
    {
        using var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "run-a", "completed", RotationTree.Now.AddDays(-1), RotationTree.Now.AddHours(-1));
        var equal = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
        var shuffle = Enumerable.Range(1, 150).OrderBy(n => (n * 7919) % 151).ToArray();
        Func<int, DateTime> mtime = order switch
        {
            "all-equal" => _ => equal,
            "newest-number-oldest-time" => n => equal.AddMinutes(-n),
            _ => n => equal.AddMinutes(Array.IndexOf(shuffle, n)),
        };
        tree.Summaries(latest, "run-a", Enumerable.Range(1, 150), mtime);

        var result = tree.Rotate(new RotationOptions { KeepSummaries = 100 });

        Assert.Equal(Enumerable.Range(51, 100), RotationTree.SummaryNumbers(latest));
        Assert.Equal(50, result.Removed);
        Assert.Equal(0, result.Failed);
    }

    [Fact]
    public void Plain_and_compressed_forms_of_one_iteration_count_once_and_go_together()
    {
        using var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "run-a", "completed", RotationTree.Now.AddDays(-1), RotationTree.Now);
        tree.Summaries(latest, "run-a", Enumerable.Range(1, 5));
        File.Copy(Path.Combine(latest, "ITER_SUMMARY_2.json"), Path.Combine(latest, "ITER_SUMMARY_2.json.gz"));
        File.Move(Path.Combine(latest, "ITER_SUMMARY_4.json"), Path.Combine(latest, "ITER_SUMMARY_4.json.gz"));

        tree.Rotate(new RotationOptions { KeepSummaries = 2 });

        Assert.Equal(new[] { "ITER_SUMMARY_4.json.gz", "ITER_SUMMARY_5.json" },
            Directory.GetFiles(latest, "ITER_SUMMARY_*").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Summaries_of_every_finished_run_are_pruned_but_a_run_marked_running_is_not()
    {
        using var tree = new RotationTree();
        var done = tree.Run(Path.Combine(tree.Layout.Runs, "run-1"), "run-1", "stopped", RotationTree.Now.AddDays(-2), RotationTree.Now.AddDays(-2));
        var crashed = tree.Run(tree.Layout.Latest, "run-2", "running", RotationTree.Now.AddDays(-1));
        tree.Summaries(done, "run-1", Enumerable.Range(1, 12));
        tree.Summaries(crashed, "run-2", Enumerable.Range(1, 12));

        var result = tree.Rotate(new RotationOptions { KeepSummaries = 10 });

        Assert.Equal(Enumerable.Range(3, 10), RotationTree.SummaryNumbers(done));
        Assert.Equal(Enumerable.Range(1, 12), RotationTree.SummaryNumbers(crashed));
        Assert.Contains(result.Actions, a => a.Kind == RotationActionKind.Skip && a.Run == "latest");
    }

    [Fact]
    public void KeepRuns_keeps_the_newest_runs_by_recorded_start_not_by_name_or_folder_time_and_never_latest()
    {
        using var tree = new RotationTree();
        // Names sort the opposite way to start times, and folder times are set to mislead as well.
        var starts = new Dictionary<string, int> { ["run-e"] = 5, ["run-d"] = 4, ["run-c"] = 3, ["run-b"] = 2, ["run-a"] = 1 };
        foreach (var (name, day) in starts)
        {
            var folder = tree.Run(Path.Combine(tree.Layout.Runs, name), name, "completed", RotationTree.Now.AddDays(-10 + (6 - day)), RotationTree.Now);
            Directory.SetLastWriteTimeUtc(folder, new DateTime(2026, 1, day, 0, 0, 0, DateTimeKind.Utc));
        }
        tree.Run(tree.Layout.Latest, "run-z", "completed", RotationTree.Now.AddDays(-20), RotationTree.Now);

        var result = tree.Rotate(new RotationOptions { KeepRuns = 2 });

        Assert.Equal(new[] { "run-a", "run-b" }, Directory.GetDirectories(tree.Layout.Runs).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(tree.Layout.LatestRun.RunManifest));
        Assert.Equal(3, result.Actions.Count(a => a.Kind == RotationActionKind.RemoveRunFolder && a.Outcome == RotationOutcome.Taken));
    }

    [Fact]
    public void Stale_temp_files_of_interrupted_writes_are_removed_and_young_ones_kept()
    {
        using var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "run-a", "completed", RotationTree.Now.AddDays(-1), RotationTree.Now);
        var stale = Path.Combine(latest, ".ITER_SUMMARY_3.json.1234.abc.tmp");
        var young = Path.Combine(latest, ".ITER_SUMMARY_4.json.1234.def.tmp");
        File.WriteAllText(stale, "{\"iter");
        File.WriteAllText(young, "{\"iter");
        File.SetLastWriteTimeUtc(stale, RotationTree.Now.UtcDateTime.AddHours(-1));
        File.SetLastWriteTimeUtc(young, RotationTree.Now.UtcDateTime.AddMinutes(-1));

        var result = tree.Rotate();

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(young));
        Assert.Single(result.Actions, a => a.Kind == RotationActionKind.RemoveTempFile && a.Outcome == RotationOutcome.Taken);
    }

    [Fact]
    public void Each_rotation_appends_one_flushed_line_to_the_rotation_log()
    {
        using var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "run-a", "completed", RotationTree.Now.AddDays(-1), RotationTree.Now);
        tree.Summaries(latest, "run-a", Enumerable.Range(1, 30));
        tree.Snapshot("run-old", RotationTree.Now.AddDays(-30));

        tree.Rotate(new RotationOptions { KeepSummaries = 10 });
        tree.Rotate(new RotationOptions { KeepSummaries = 5 });

        var lines = File.ReadAllLines(tree.Layout.RotationLog);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(20, first.RootElement.GetProperty("removed").GetInt32());
        Assert.Equal(1, first.RootElement.GetProperty("compressed").GetInt32());
        Assert.Equal(20, first.RootElement.GetProperty("taken").GetProperty("remove_summary").GetInt32());
        Assert.True(first.RootElement.GetProperty("bytes_after").GetInt64() < first.RootElement.GetProperty("bytes_before").GetInt64());
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(5, second.RootElement.GetProperty("removed").GetInt32());
    }

    [Fact]
    public void Bad_options_are_refused_before_anything_is_planned()
    {
        using var tree = new RotationTree();
        var error = Assert.Throws<SoakException>(() => tree.Rotate(new RotationOptions { KeepSummaries = -1 }));
        Assert.Equal("InvalidRotationOption", error.ErrorId);
        Assert.Equal("ArtifactRootNotFound", Assert.Throws<SoakException>(() =>
            RotationPlanner.Plan(new ArtifactLayout(Path.Combine(tree.Base, "missing")), new RotationOptions(), tree.Clock)).ErrorId);
    }
}
