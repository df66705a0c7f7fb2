using System.IO.Compression;
using System.Text.Json.Nodes;
using SoakPS.Engine.Files;
using SoakPS.Engine.Records.Snapshots;
using SoakPS.Engine.Rotation;

namespace SoakPS.Engine.Tests.Rotation;

public class RotationCompressionTests
{
    private static byte[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    [Fact]
    public void Old_snapshots_become_gz_that_decompress_to_the_original_bytes_and_young_ones_are_untouched()
    {
        using var tree = new RotationTree();
        // File times say the opposite of the names: the age must come from the snapshot's own time.
        var old = tree.Snapshot("run-old", RotationTree.Now.AddDays(-8), mtime: RotationTree.Now.UtcDateTime);
        var young = tree.Snapshot("run-young", RotationTree.Now.AddDays(-6), mtime: new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var oldBytes = File.ReadAllBytes(old);
        var youngBytes = File.ReadAllBytes(young);

        var result = tree.Rotate(new RotationOptions { CompressAfterDays = 7 });

        Assert.False(File.Exists(old));
        Assert.Equal(oldBytes, Gunzip(old + ".gz"));
        Assert.Equal(youngBytes, File.ReadAllBytes(young));
        Assert.False(File.Exists(young + ".gz"));
        Assert.Equal(1, result.Compressed);
        Assert.True(result.BytesAfter < result.BytesBefore);
    }

    [Fact]
    public void A_snapshot_without_a_time_in_its_name_is_aged_by_its_content()
    {
        using var tree = new RotationTree();
        Directory.CreateDirectory(tree.Layout.Snapshots);
        var path = Path.Combine(tree.Layout.Snapshots, "handmade.json");
        File.WriteAllText(path, $"{{\"run_id\":\"x\",\"ended_utc\":\"{RotationTree.Now.AddDays(-30):O}\"}}");

        tree.Rotate();

        Assert.True(File.Exists(path + ".gz"));
    }

    [Fact]
    public void A_compression_that_fails_mid_write_leaves_the_original_and_no_archive_and_a_rerun_finishes_it()
    {
        using var tree = new RotationTree();
        var snapshot = tree.Snapshot("run-old", RotationTree.Now.AddDays(-30));
        var original = File.ReadAllBytes(snapshot);

        var failed = tree.Rotate(wrapArchiveOutput: s => new RotationTree.FailingStream(s, failAfter: 10));

        Assert.Equal(original, File.ReadAllBytes(snapshot));
        Assert.Empty(Directory.GetFiles(tree.Layout.Snapshots, "*.gz"));
        Assert.Single(Directory.GetFiles(tree.Layout.Snapshots));
        Assert.Equal(1, failed.Failed);
        Assert.Equal(0, failed.Compressed);
        Assert.Equal(original, SnapshotReader.ReadBytes(SnapshotReader.List(tree.Layout).Single().Path));

        var rerun = tree.Rotate();

        Assert.Equal(1, rerun.Compressed);
        Assert.Equal(original, Gunzip(snapshot + ".gz"));
    }

    [Fact]
    public void A_writer_killed_mid_archive_leaves_only_a_hidden_temp_file_that_no_reader_takes_for_the_snapshot()
    {
        using var tree = new RotationTree();
        var snapshot = tree.Snapshot("run-old", RotationTree.Now.AddDays(-30));
        var original = File.ReadAllBytes(snapshot);
        var partial = Path.Combine(tree.Layout.Snapshots, $".{Path.GetFileName(snapshot)}.gz.4242.0123456789abcdef.tmp");
        File.WriteAllBytes(partial, new byte[] { 0x1f, 0x8b, 8, 0 });
        File.SetLastWriteTimeUtc(partial, RotationTree.Now.UtcDateTime.AddHours(-2));

        var listed = SnapshotReader.List(tree.Layout).Single();
        Assert.Equal(snapshot, listed.Path);
        Assert.Equal(original, SnapshotReader.ReadBytes(listed.Path));

        var result = tree.Rotate();

        Assert.False(File.Exists(partial));
        Assert.Equal(original, Gunzip(snapshot + ".gz"));
        Assert.Contains(result.Actions, a => a.Kind == RotationActionKind.RemoveTempFile && a.Path == partial && a.Outcome == RotationOutcome.Taken);
    }

    [Fact]
    public void Rotating_again_changes_nothing()
    {
        using var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "run-a", "completed", RotationTree.Now.AddDays(-1), RotationTree.Now);
        tree.Summaries(latest, "run-a", Enumerable.Range(1, 120));
        var old = tree.Run(Path.Combine(tree.Layout.Runs, "run-0"), "run-0", "completed", RotationTree.Now.AddDays(-40), RotationTree.Now.AddDays(-39));
        tree.Summaries(old, "run-0", Enumerable.Range(1, 20));
        for (var d = 1; d <= 12; d++) tree.Snapshot($"run-{d}", RotationTree.Now.AddDays(-d));
        tree.Rotate();
        var afterFirst = RotationTree.Fingerprint(tree.Layout.Root);

        var second = tree.Rotate();

        Assert.DoesNotContain(second.Actions, a => a.ChangesFiles);
        Assert.Equal(0, second.Removed + second.Compressed + second.Failed);
        afterFirst.Remove(Path.Combine("rotation", "ROTATION_LOG.jsonl"));
        var afterSecond = RotationTree.Fingerprint(tree.Layout.Root);
        afterSecond.Remove(Path.Combine("rotation", "ROTATION_LOG.jsonl"));
        Assert.Equal(afterFirst, afterSecond);
    }

    [Fact]
    public void Summaries_of_a_long_finished_earlier_run_are_compressed_and_read_back_identically_but_latest_is_never_compressed()
    {
        using var tree = new RotationTree();
        var old = tree.Run(Path.Combine(tree.Layout.Runs, "run-0"), "run-0", "completed", RotationTree.Now.AddDays(-40), RotationTree.Now.AddDays(-39));
        tree.Summaries(old, "run-0", Enumerable.Range(1, 30));
        var latest = tree.Run(tree.Layout.Latest, "run-1", "completed", RotationTree.Now.AddDays(-40), RotationTree.Now.AddDays(-39));
        tree.Summaries(latest, "run-1", Enumerable.Range(1, 3));
        var before = ReadAll(old);

        var result = tree.Rotate(new RotationOptions { KeepSummaries = 1000 });

        Assert.Equal(30, result.Compressed);
        Assert.All(IterationFiles.List(old), f => Assert.True(f.Compressed));
        Assert.All(IterationFiles.List(latest), f => Assert.False(f.Compressed));
        var after = ReadAll(old);
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].Iteration, after[i].Iteration);
            Assert.True(JsonNode.DeepEquals(before[i].Json, after[i].Json), $"iteration {before[i].Iteration} differs after compression");
        }
    }

    /// <summary>The engine's reading path for summaries: discovery by number, then a read that understands .gz.</summary>
    private static List<(int Iteration, JsonNode? Json)> ReadAll(string runFolder) =>
        IterationFiles.List(runFolder).Select(f => (f.Iteration, JsonNode.Parse(AtomicFile.ReadAllText(f.Path)))).ToList();

    [Fact]
    public void Over_budget_is_flagged_and_within_budget_is_not()
    {
        using var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "run-a", "completed", RotationTree.Now.AddDays(-1), RotationTree.Now);
        File.WriteAllBytes(Path.Combine(latest, "big.bin"), new byte[3 * 1024 * 1024]);

        var over = tree.Rotate(new RotationOptions { MaxSizeMB = 2 });
        var within = tree.Rotate(new RotationOptions { MaxSizeMB = 4 });

        Assert.True(over.OverBudget);
        Assert.True(over.BytesAfter > 2 * 1024 * 1024);
        Assert.False(within.OverBudget);
    }

    [Fact]
    public void WhatIf_lists_every_action_and_changes_nothing()
    {
        using var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "run-a", "completed", RotationTree.Now.AddDays(-1), RotationTree.Now);
        tree.Summaries(latest, "run-a", Enumerable.Range(1, 150));
        for (var d = 1; d <= 10; d++) tree.Snapshot($"run-{d}", RotationTree.Now.AddDays(-d));
        tree.Run(Path.Combine(tree.Layout.Runs, "run-old"), "run-old", "completed", RotationTree.Now.AddDays(-50), RotationTree.Now.AddDays(-49));
        var before = RotationTree.Fingerprint(tree.Layout.Root);
        var asked = new List<RotationAction>();

        var result = tree.Rotate(new RotationOptions { KeepRuns = 0 }, mayProceed: a => { asked.Add(a); return true; }, whatIf: true);

        Assert.Equal(before, RotationTree.Fingerprint(tree.Layout.Root));
        Assert.False(File.Exists(tree.Layout.RotationLog));
        Assert.True(result.WhatIf);
        var planned = result.Actions.Where(a => a.ChangesFiles).ToList();
        // latest/'s 50 oldest summaries are one range action; 3 snapshots; 1 run folder.
        Assert.Equal(1 + 3 + 1, planned.Count);
        Assert.Equal(50 + 3 + 1, result.Declined);
        Assert.All(planned, a => Assert.Equal(RotationOutcome.Declined, a.Outcome));
        var range = Assert.Single(planned, a => a.Kind == RotationActionKind.RemoveSummary);
        Assert.Equal((latest, 51, 50), (range.Path, range.BelowIteration, range.Files));
        Assert.Equal(Enumerable.Range(1, 50).Sum(n => new FileInfo(Path.Combine(latest, $"ITER_SUMMARY_{n}.json")).Length), range.Bytes);
        Assert.Equal(planned.Select(a => a.Target), asked.Select(a => a.Target));
    }

    [Fact]
    public void Actions_the_host_declines_are_not_taken()
    {
        using var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "run-a", "completed", RotationTree.Now.AddDays(-1), RotationTree.Now);
        tree.Summaries(latest, "run-a", Enumerable.Range(1, 6));
        var earlier = tree.Run(Path.Combine(tree.Layout.Runs, "run-0"), "run-0", "completed", RotationTree.Now.AddDays(-2), RotationTree.Now.AddDays(-2));
        tree.Summaries(earlier, "run-0", Enumerable.Range(1, 6));

        // The host sees one action per folder for its old summaries and says no to latest/'s.
        var result = tree.Rotate(new RotationOptions { KeepSummaries = 2 }, mayProceed: a => a.Run != "latest");

        Assert.Equal(Enumerable.Range(1, 6), RotationTree.SummaryNumbers(latest));
        Assert.Equal(new[] { 5, 6 }, RotationTree.SummaryNumbers(earlier));
        Assert.Equal(4, result.Declined);
        Assert.Equal(4, result.Removed);
        Assert.Equal("RemoveSummary: 4 taken, 4 declined", result.Summary());
    }
}
