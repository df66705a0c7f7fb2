using System.Text.Json;
using SoakPS.Engine.Files;
using SoakPS.Engine.Rotation;
using SoakPS.Engine.Tests.Artifacts.FileSystem;

namespace SoakPS.Engine.Tests.Rotation;

/// <summary>
/// A run folder's old summaries are one action ("every ITER_SUMMARY_&lt;n&gt; below k"), carried out by reading the folder
/// again: what the host is asked, what a partial failure records, and what the folder holds by then.
/// </summary>
public class RotationRangeTests
{
    private static (RotationTree Tree, string Latest) FinishedRun(int summaries)
    {
        var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "run-a", "completed", RotationTree.Now.AddDays(-1), RotationTree.Now.AddHours(-1));
        tree.Summaries(latest, "run-a", Enumerable.Range(1, summaries));
        return (tree, latest);
    }

    [Fact]
    public void The_host_is_asked_once_for_a_folders_old_summaries_naming_the_range_and_its_file_count()
    {
        var (tree, latest) = FinishedRun(150);
        using var _ = tree;
        var before = RotationTree.Fingerprint(tree.Layout.Root);
        var asked = new List<string>();

        var result = tree.Rotate(new RotationOptions { KeepSummaries = 100 }, mayProceed: a => { asked.Add(a.Target); return true; }, whatIf: true);

        Assert.Equal(new[] { Path.Join(latest, "ITER_SUMMARY_<n>.json(.gz)") + " for every n below 51 (50 files)" }, asked);
        Assert.Equal(before, RotationTree.Fingerprint(tree.Layout.Root));
        Assert.Equal((0, 50), (result.Removed, result.Declined));
        Assert.Equal("RemoveSummary: 50 declined", result.Summary());
    }

    [Fact]
    public void A_range_whose_files_partly_fail_records_taken_and_failed_counts_and_the_first_errors_and_logs_them()
    {
        var (tree, latest) = FinishedRun(50);
        using var _ = tree;
        var held = new HashSet<string>(new[] { 2, 4, 6, 8, 10, 12, 14 }.Select(n => Path.Combine(latest, $"ITER_SUMMARY_{n}.json")));
        var faults = new SharingFaults(held.Contains, failures: 1000);
        RotationResult result;
        using (ArtifactFileSystem.Use(faults.WindowsFileSystem()))
        {
            result = tree.Rotate(new RotationOptions { KeepSummaries = 10 });
        }

        var range = Assert.Single(result.Actions, a => a.Kind == RotationActionKind.RemoveSummary);
        Assert.Equal(RotationOutcome.Failed, range.Outcome);
        Assert.Equal((40, 33, 7), (range.Files, range.FilesTaken, range.FilesFailed));
        Assert.Equal(5, range.FileErrors.Count);
        Assert.All(range.FileErrors, e => Assert.Contains(held, h => e.StartsWith(h + ": ", StringComparison.Ordinal)));
        Assert.StartsWith("7 of the files could not be removed (33 were)", range.Error);
        Assert.Equal((33, 7), (result.Removed, result.Failed));
        Assert.Equal(held.Select(p => int.Parse(Path.GetFileName(p)[13..^5])).Order().Concat(Enumerable.Range(41, 10)), RotationTree.SummaryNumbers(latest));
        Assert.Equal(held.Sum(p => new FileInfo(p).Length), range.BytesAfter);

        using var log = JsonDocument.Parse(File.ReadAllLines(tree.Layout.RotationLog).Single());
        Assert.Equal(33, log.RootElement.GetProperty("removed").GetInt32());
        Assert.Equal(7, log.RootElement.GetProperty("failed").GetInt32());
        Assert.Equal(33, log.RootElement.GetProperty("taken").GetProperty("remove_summary").GetInt32());
        Assert.Equal(range.FileErrors, log.RootElement.GetProperty("failures").EnumerateArray().Select(e => e.GetString()));

        // Nothing is lost: once the files are free, the next rotation finishes the job.
        var rerun = tree.Rotate(new RotationOptions { KeepSummaries = 10 });
        Assert.Equal((7, 0), (rerun.Removed, rerun.Failed));
        Assert.Equal(Enumerable.Range(41, 10), RotationTree.SummaryNumbers(latest));
    }

    [Fact]
    public void A_summary_that_appears_below_the_kept_range_after_planning_goes_with_the_range_and_is_counted()
    {
        var (tree, latest) = FinishedRun(30);
        using var _ = tree;
        var options = new RotationOptions { KeepSummaries = 10 };
        var plan = RotationPlanner.Plan(tree.Layout, options, tree.Clock);
        File.Delete(Path.Combine(latest, "ITER_SUMMARY_5.json"));
        File.WriteAllText(Path.Combine(latest, "ITER_SUMMARY_5.json.gz"), "late");
        File.WriteAllText(Path.Combine(latest, "ITER_SUMMARY_0.json"), "late");

        var result = RotationExecutor.Execute(tree.Layout, plan, options, tree.Clock, _ => true, whatIf: false);

        var range = Assert.Single(result.Actions, a => a.Kind == RotationActionKind.RemoveSummary);
        Assert.Equal((20, 21, RotationOutcome.Taken), (range.Files, range.FilesTaken, range.Outcome));
        Assert.Equal(21, result.Removed);
        Assert.Equal(Enumerable.Range(21, 10), RotationTree.SummaryNumbers(latest));
        Assert.Equal(Enumerable.Range(21, 10).Select(n => $"ITER_SUMMARY_{n}.json").Append("run.json").Order(StringComparer.Ordinal),
            Directory.GetFiles(latest).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_link_or_directory_named_like_a_summary_below_the_range_is_never_removed_even_when_it_appears_after_planning()
    {
        var (tree, latest) = FinishedRun(30);
        using var _ = tree;
        var secret = Path.Combine(tree.Outside, "secret.json");
        File.WriteAllText(secret, "outside");
        var options = new RotationOptions { KeepSummaries = 10 };
        var plan = RotationPlanner.Plan(tree.Layout, options, tree.Clock);
        var link = Path.Combine(latest, "ITER_SUMMARY_3.json");
        File.Delete(link);
        File.CreateSymbolicLink(link, secret);
        var dangling = Path.Combine(latest, "ITER_SUMMARY_4.json.gz");
        File.CreateSymbolicLink(dangling, Path.Combine(tree.Outside, "missing.json"));
        var directory = Path.Combine(latest, "ITER_SUMMARY_5.json");
        File.Delete(directory);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "inside.txt"), "kept");
        var outsideBefore = RotationTree.Fingerprint(tree.Outside);

        var result = RotationExecutor.Execute(tree.Layout, plan, options, tree.Clock, _ => true, whatIf: false);

        Assert.Equal(secret, new FileInfo(link).LinkTarget);
        Assert.NotNull(new FileInfo(dangling).LinkTarget);
        Assert.True(File.Exists(Path.Combine(directory, "inside.txt")));
        Assert.Equal(outsideBefore, RotationTree.Fingerprint(tree.Outside));
        Assert.Equal((18, 0), (result.Removed, result.Failed));
        Assert.Equal(Enumerable.Range(21, 10), RotationTree.SummaryNumbers(latest).Where(n => n > 5));
    }

    [Fact]
    public void A_range_cancelled_before_it_starts_is_skipped_with_its_files_counted_as_skipped()
    {
        var (tree, latest) = FinishedRun(30);
        using var _ = tree;
        var options = new RotationOptions { KeepSummaries = 10 };
        var plan = RotationPlanner.Plan(tree.Layout, options, tree.Clock);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var result = RotationExecutor.Execute(tree.Layout, plan, options, tree.Clock, _ => true, whatIf: false, cancel: cancel.Token);

        var range = Assert.Single(result.Actions, a => a.Kind == RotationActionKind.RemoveSummary);
        Assert.Equal(RotationOutcome.Skipped, range.Outcome);
        Assert.Contains("cancelled", range.Error);
        Assert.Equal((0, 20, 0), (result.Removed, result.Skipped, result.Failed));
        Assert.Equal(Enumerable.Range(1, 30), RotationTree.SummaryNumbers(latest));
    }

    [Fact]
    public void A_run_folder_swapped_for_a_link_out_of_the_root_after_planning_is_not_followed()
    {
        using var tree = new RotationTree();
        var earlier = tree.Run(Path.Combine(tree.Layout.Runs, "run-0"), "run-0", "completed", RotationTree.Now.AddDays(-2), RotationTree.Now.AddDays(-2));
        tree.Summaries(earlier, "run-0", Enumerable.Range(1, 30));
        var options = new RotationOptions { KeepSummaries = 10 };
        var plan = RotationPlanner.Plan(tree.Layout, options, tree.Clock);
        var outsideRun = Path.Combine(tree.Outside, "run-0");
        Directory.Move(earlier, outsideRun);
        Directory.CreateSymbolicLink(earlier, outsideRun);
        var before = RotationTree.Fingerprint(tree.Outside);

        var result = RotationExecutor.Execute(tree.Layout, plan, options, tree.Clock, _ => true, whatIf: false);

        Assert.Equal(before, RotationTree.Fingerprint(tree.Outside));
        var range = Assert.Single(result.Actions, a => a.Kind == RotationActionKind.RemoveSummary);
        Assert.Equal((RotationOutcome.Failed, 0, 20), (range.Outcome, range.FilesTaken, range.FilesFailed));
        Assert.Contains("symbolic link", range.Error);
    }

    [Fact]
    public void A_snapshots_folder_swapped_for_a_link_out_of_the_root_after_planning_is_not_written_through()
    {
        using var tree = new RotationTree();
        tree.Snapshot("run-a", RotationTree.Now.AddDays(-30));
        tree.Snapshot("run-b", RotationTree.Now.AddDays(-31));
        var plan = RotationPlanner.Plan(tree.Layout, new RotationOptions(), tree.Clock);
        var outside = Path.Combine(tree.Outside, "snapshots");
        Directory.Move(tree.Layout.Snapshots, outside);
        Directory.CreateSymbolicLink(tree.Layout.Snapshots, outside);
        var before = RotationTree.Fingerprint(tree.Outside);

        var result = RotationExecutor.Execute(tree.Layout, plan, new RotationOptions(), tree.Clock, _ => true, whatIf: false);

        Assert.Equal(before, RotationTree.Fingerprint(tree.Outside));
        Assert.Equal((0, 2), (result.Compressed, result.Failed));
        Assert.All(result.Actions.Where(a => a.Kind == RotationActionKind.CompressSnapshot), a => Assert.Contains("symbolic link", a.Error));
    }

    [Fact]
    public void A_run_folder_gone_when_its_range_runs_fails_the_range_and_counts_its_files_as_failed()
    {
        using var tree = new RotationTree();
        var earlier = tree.Run(Path.Combine(tree.Layout.Runs, "run-0"), "run-0", "completed", RotationTree.Now.AddDays(-2), RotationTree.Now.AddDays(-2));
        tree.Summaries(earlier, "run-0", Enumerable.Range(1, 30));
        var options = new RotationOptions { KeepSummaries = 10 };
        var plan = RotationPlanner.Plan(tree.Layout, options, tree.Clock);
        Directory.Move(earlier, Path.Combine(tree.Base, "moved-away"));

        var result = RotationExecutor.Execute(tree.Layout, plan, options, tree.Clock, _ => true, whatIf: false);

        var range = Assert.Single(result.Actions, a => a.Kind == RotationActionKind.RemoveSummary);
        Assert.Equal(RotationOutcome.Failed, range.Outcome);
        Assert.Equal((0, 20), (range.FilesTaken, range.FilesFailed));
        Assert.StartsWith(earlier + ": ", Assert.Single(range.FileErrors));
        Assert.Equal((0, 20), (result.Removed, result.Failed));
        Assert.Equal(Enumerable.Range(1, 30), RotationTree.SummaryNumbers(Path.Combine(tree.Base, "moved-away")));
    }
}
