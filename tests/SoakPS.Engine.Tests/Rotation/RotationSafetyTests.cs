using System.Formats.Tar;
using System.IO.Compression;
using SoakPS.Engine.Files;
using SoakPS.Engine.Records.Snapshots;
using SoakPS.Engine.Rotation;

namespace SoakPS.Engine.Tests.Rotation;

public class RotationSafetyTests
{
    [Theory]
    [InlineData("running")]
    [InlineData("completed")]
    public void A_rotation_while_a_run_holds_the_lock_removes_nothing_of_that_run(string status)
    {
        using var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "run-live", status, RotationTree.Now.AddHours(-1));
        tree.Summaries(latest, "run-live", Enumerable.Range(1, 150));
        var temp = Path.Combine(latest, ".TUNING_STATE.json.1.abc.tmp");
        File.WriteAllText(temp, "{");
        File.SetLastWriteTimeUtc(temp, RotationTree.Now.UtcDateTime.AddDays(-1));
        var before = RotationTree.Fingerprint(latest);
        using var runLock = RunLock.Acquire(tree.Layout, "run-live", tree.Clock);

        var result = tree.Rotate(new RotationOptions { KeepSummaries = 100 });

        Assert.Equal(before, RotationTree.Fingerprint(latest));
        Assert.DoesNotContain(result.Actions, a => a.Path.StartsWith(latest, StringComparison.Ordinal) && a.ChangesFiles);
        Assert.Contains(result.Actions, a => a.Kind == RotationActionKind.Skip && a.Run == "latest" && a.Reason.Contains("active"));
    }

    [Fact]
    public void A_run_that_starts_between_planning_and_execution_is_left_alone_while_the_rest_is_rotated()
    {
        using var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "run-a", "completed", RotationTree.Now.AddHours(-2), RotationTree.Now.AddHours(-1));
        tree.Summaries(latest, "run-a", Enumerable.Range(1, 150));
        var earlier = tree.Run(Path.Combine(tree.Layout.Runs, "run-0"), "run-0", "completed", RotationTree.Now.AddDays(-3), RotationTree.Now.AddDays(-3));
        tree.Summaries(earlier, "run-0", Enumerable.Range(1, 150));
        var options = new RotationOptions { KeepSummaries = 100 };
        var plan = RotationPlanner.Plan(tree.Layout, options, tree.Clock);
        Assert.Equal(100, plan.Actions.Where(a => a.Kind == RotationActionKind.RemoveSummary).Sum(a => a.Files));

        using (RunLock.Acquire(tree.Layout, "run-b", tree.Clock))
        {
            var result = RotationExecutor.Execute(tree.Layout, plan, options, tree.Clock, _ => true, whatIf: false);

            Assert.Equal(Enumerable.Range(1, 150), RotationTree.SummaryNumbers(latest));
            Assert.Equal(Enumerable.Range(51, 100), RotationTree.SummaryNumbers(earlier));
            Assert.Equal(50, result.Actions.Where(a => a.Run == "latest" && a.Outcome == RotationOutcome.Skipped && a.Kind == RotationActionKind.RemoveSummary).Sum(a => a.FilesWith(RotationOutcome.Skipped)));
            Assert.Equal(50, result.Removed);
            Assert.Equal(50, result.Skipped);
        }
    }

    [Fact]
    public void When_the_run_lock_cannot_be_taken_latest_is_left_alone_and_the_rest_is_rotated_and_logged()
    {
        using var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "run-a", "completed", RotationTree.Now.AddHours(-2), RotationTree.Now.AddHours(-1));
        tree.Summaries(latest, "run-a", Enumerable.Range(1, 150));
        var snapshot = tree.Snapshot("run-old", RotationTree.Now.AddDays(-30));
        // The holder's name cannot be written where a folder stands in its way.
        Directory.CreateDirectory(tree.Layout.LockFile);

        var result = tree.Rotate(new RotationOptions { KeepSummaries = 100 });

        Assert.Equal(Enumerable.Range(1, 150), RotationTree.SummaryNumbers(latest));
        Assert.True(File.Exists(snapshot + ".gz"));
        Assert.Equal((0, 1, 50), (result.Removed, result.Compressed, result.Skipped));
        var skipped = Assert.Single(result.Actions, a => a.Kind == RotationActionKind.RemoveSummary);
        Assert.Contains("run lock could not be taken", skipped.Error);
        Assert.Single(File.ReadAllLines(tree.Layout.RotationLog));
    }

    [Fact]
    public void Rotation_releases_the_lock_it_takes_for_latest()
    {
        using var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "run-a", "completed", RotationTree.Now.AddHours(-2), RotationTree.Now.AddHours(-1));
        tree.Summaries(latest, "run-a", Enumerable.Range(1, 5));

        tree.Rotate(new RotationOptions { KeepSummaries = 1 });

        Assert.False(File.Exists(tree.Layout.LockFile));
        using var next = RunLock.Acquire(tree.Layout, "run-b", tree.Clock);
    }

    [Fact]
    public void Symbolic_links_out_of_the_root_are_reported_and_nothing_outside_is_touched()
    {
        using var tree = new RotationTree();
        var secret = Path.Combine(tree.Outside, "ITER_SUMMARY_1.json");
        File.WriteAllText(secret, RotationTree.SummaryJson("outside", 1));
        var outsideSnapshot = Path.Combine(tree.Outside, "run-x_20200101T000000Z.json");
        File.WriteAllText(outsideSnapshot, "{\"run_id\":\"run-x\"}");
        var outsideRun = tree.Run(Path.Combine(tree.Outside, "run-far"), "run-far", "completed", RotationTree.Now.AddDays(-100), RotationTree.Now.AddDays(-100));
        tree.Summaries(outsideRun, "run-far", Enumerable.Range(1, 5));
        var outsideBefore = RotationTree.Fingerprint(tree.Outside);

        var latest = tree.Run(tree.Layout.Latest, "run-a", "completed", RotationTree.Now.AddDays(-1), RotationTree.Now);
        tree.Summaries(latest, "run-a", Enumerable.Range(2, 149));
        var link = Path.Combine(latest, "ITER_SUMMARY_1.json");
        File.CreateSymbolicLink(link, secret);
        Directory.CreateDirectory(tree.Layout.Snapshots);
        File.CreateSymbolicLink(Path.Combine(tree.Layout.Snapshots, "run-x_20200101T000000Z.json"), outsideSnapshot);
        Directory.CreateDirectory(tree.Layout.Runs);
        Directory.CreateSymbolicLink(Path.Combine(tree.Layout.Runs, "run-linked"), outsideRun);
        var inner = tree.Run(Path.Combine(tree.Layout.Runs, "run-inner"), "run-inner", "completed", RotationTree.Now.AddDays(-60), RotationTree.Now.AddDays(-60));
        Directory.CreateSymbolicLink(Path.Combine(inner, "escape"), outsideRun);

        var result = tree.Rotate(new RotationOptions { KeepSummaries = 100, KeepRuns = 0 });

        Assert.Equal(outsideBefore, RotationTree.Fingerprint(tree.Outside));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(Enumerable.Range(1, 100).Select(n => n + 50), RotationTree.SummaryNumbers(latest).Where(n => n != 1));
        Assert.False(Directory.Exists(inner));
        Assert.Contains(result.Actions, a => a.Kind == RotationActionKind.Skip && a.Path == link);
        Assert.Contains(result.Actions, a => a.Kind == RotationActionKind.Skip && a.Path.EndsWith("run-x_20200101T000000Z.json", StringComparison.Ordinal));
        Assert.Contains(result.Actions, a => a.Kind == RotationActionKind.Skip && a.Path.EndsWith("run-linked", StringComparison.Ordinal));
        Assert.Equal(0, result.Failed);
    }

    [Fact]
    public void A_snapshots_folder_that_is_a_link_out_of_the_root_is_not_followed()
    {
        using var tree = new RotationTree();
        File.WriteAllText(Path.Combine(tree.Outside, "run-x_20200101T000000Z.json"), "{\"run_id\":\"run-x\"}");
        var before = RotationTree.Fingerprint(tree.Outside);
        Directory.CreateSymbolicLink(tree.Layout.Snapshots, tree.Outside);

        var result = tree.Rotate();

        Assert.Equal(before, RotationTree.Fingerprint(tree.Outside));
        Assert.Equal(0, result.Compressed);
        Assert.Contains(result.Actions, a => a.Kind == RotationActionKind.Skip && a.Path == tree.Layout.Snapshots);
        Assert.Empty(SnapshotReader.List(tree.Layout));
    }

    [Fact]
    public void Odd_names_unreadable_run_files_and_special_files_are_skipped_or_reported_never_acted_on()
    {
        using var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "run-a", "completed", RotationTree.Now.AddDays(-1), RotationTree.Now);
        tree.Summaries(latest, "run-a", Enumerable.Range(1, 5));
        var odd = new[] { "ITER_SUMMARY_x.json", "ITER_SUMMARY_-1.json", "ITER_SUMMARY_1.json.bak", "ITER_SUMMARY_99999999999.json" };
        foreach (var name in odd) File.WriteAllText(Path.Combine(latest, name), "{}");
        var bad = Path.Combine(tree.Layout.Runs, "run-bad");
        Directory.CreateDirectory(bad);
        File.WriteAllText(Path.Combine(bad, "run.json"), "{ not json");
        tree.Summaries(bad, "run-bad", Enumerable.Range(1, 5));
        Directory.CreateDirectory(tree.Layout.Snapshots);
        var fifo = Path.Combine(tree.Layout.Snapshots, "run-f_20200101T000000Z.json");
        Fifo.Make(fifo);
        Directory.CreateDirectory(Path.Combine(tree.Layout.Snapshots, "run-d_20200101T000000Z.json"));

        var result = tree.Rotate(new RotationOptions { KeepSummaries = 1 });

        Assert.All(odd, name => Assert.True(File.Exists(Path.Combine(latest, name))));
        Assert.Equal(new[] { 5 }, RotationTree.SummaryNumbers(latest));
        Assert.Equal(Enumerable.Range(1, 5), RotationTree.SummaryNumbers(bad));
        Assert.True(File.Exists(fifo));
        Assert.Equal(odd.Length, result.Actions.Count(a => a.Kind == RotationActionKind.Skip && a.Run == "latest"));
        Assert.Contains(result.Actions, a => a.Kind == RotationActionKind.Skip && a.Path == bad);
        Assert.Contains(result.Actions, a => a.Kind == RotationActionKind.Skip && a.Path == fifo);
        Assert.Equal(0, result.Failed);
    }

    [Fact]
    public void A_legacy_archive_whose_entry_claims_a_path_outside_the_root_is_refused_and_nothing_is_written_outside()
    {
        using var tree = new RotationTree();
        Directory.CreateDirectory(tree.Layout.Snapshots);
        var archive = Path.Combine(tree.Layout.Snapshots, "run-evil_20200101T000000Z.json.tar.gz");
        WriteTarGz(archive, ("../../outside/pwned.json", "{\"run_id\":\"run-evil\"}"));
        var absolute = Path.Combine(tree.Layout.Snapshots, "run-abs_20200101T000000Z.json.tar.gz");
        WriteTarGz(absolute, (Path.Combine(tree.Outside, "abs.json"), "{\"run_id\":\"run-abs\"}"));
        var before = RotationTree.Fingerprint(tree.Outside);

        var result = tree.Rotate();
        var listed = SnapshotReader.List(tree.Layout);

        Assert.Equal(2, listed.Count);
        Assert.All(listed, s => Assert.Equal("UnsafeArchiveEntry", Assert.Throws<SoakException>(() => SnapshotReader.Read(s.Path)).ErrorId));
        Assert.Equal(before, RotationTree.Fingerprint(tree.Outside));
        Assert.True(File.Exists(archive));
        Assert.Equal(0, result.Failed);
    }

    internal static void WriteTarGz(string path, params (string Name, string Content)[] entries)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, content) in entries)
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) };
            tar.WriteEntry(entry);
        }
    }
}
