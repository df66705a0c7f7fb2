using System.IO.Compression;
using SoakPS.Engine.Rotation;
using SoakPS.Engine.Tests.Attacks;

namespace SoakPS.Engine.Tests.Rotation;

/// <summary>
/// What the leaner plan and the in-memory verified compression must not change: actions name the files they act on
/// (also names the number does not spell), a file above the in-memory limit still goes through the streamed check,
/// and a snapshot swapped for a FIFO after planning fails its action instead of blocking rotation.
/// </summary>
public class RotationLeanPlanTests
{
    [Fact]
    public void Summary_actions_name_the_exact_files_including_leading_zero_names_and_both_forms_of_a_number()
    {
        using var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "r1", "completed", RotationTree.Now.AddDays(-2), RotationTree.Now.AddDays(-1));
        tree.Summaries(latest, "r1", Enumerable.Range(1, 12));
        File.WriteAllText(Path.Combine(latest, "ITER_SUMMARY_007.json"), RotationTree.SummaryJson("r1", 7));
        File.WriteAllBytes(Path.Combine(latest, "ITER_SUMMARY_3.json.gz"), Gzip(RotationTree.SummaryJson("r1", 3)));

        var plan = RotationPlanner.Plan(tree.Layout, new RotationOptions { KeepSummaries = 4 }, tree.Clock);

        // ITER_SUMMARY_1..8.json and 3.json.gz are one range; the name with leading zeros keeps an action of its own.
        var removals = plan.Actions.Where(a => a.Kind == RotationActionKind.RemoveSummary).ToList();
        Assert.Equal(2, removals.Count);
        var range = Assert.Single(removals, a => a.BelowIteration is not null);
        Assert.Equal((latest, 9, 9), (range.Path, range.BelowIteration, range.Files));
        var rangeFiles = Enumerable.Range(1, 8).Select(n => $"ITER_SUMMARY_{n}.json").Append("ITER_SUMMARY_3.json.gz");
        Assert.Equal(rangeFiles.Sum(f => new FileInfo(Path.Combine(latest, f)).Length), range.Bytes);
        var single = Assert.Single(removals, a => a.BelowIteration is null);
        Assert.Equal(Path.Combine(latest, "ITER_SUMMARY_007.json"), single.Path);
        Assert.All(plan.Actions.Where(a => a.ChangesFiles), a => Assert.True(Path.Exists(a.Path), a.Path));
        Assert.All(plan.Actions.Where(a => a.ChangesFiles), a => Assert.Equal("latest", a.Run));

        var result = RotationExecutor.Execute(tree.Layout, plan, new RotationOptions { KeepSummaries = 4 }, tree.Clock, _ => true, whatIf: false);

        Assert.Equal(10, result.Removed);
        Assert.Equal(new[] { 9, 10, 11, 12 }, RotationTree.SummaryNumbers(latest));
        Assert.Equal(new[] { "ITER_SUMMARY_10.json", "ITER_SUMMARY_11.json", "ITER_SUMMARY_12.json", "ITER_SUMMARY_9.json", "run.json" },
            Directory.GetFiles(latest).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Outcomes_are_recorded_on_the_plans_own_actions_and_a_plan_is_carried_out_once()
    {
        using var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "r1", "completed", RotationTree.Now.AddDays(-2), RotationTree.Now.AddDays(-1));
        tree.Summaries(latest, "r1", Enumerable.Range(1, 6));
        var options = new RotationOptions { KeepSummaries = 2 };
        File.WriteAllText(Path.Combine(latest, "ITER_SUMMARY_01.json"), RotationTree.SummaryJson("r1", 1));
        var plan = RotationPlanner.Plan(tree.Layout, options, tree.Clock);
        var declined = Assert.Single(plan.Actions, a => a.Kind == RotationActionKind.RemoveSummary && a.BelowIteration is null);

        var result = RotationExecutor.Execute(tree.Layout, plan, options, tree.Clock, a => a != declined, whatIf: false);

        Assert.Same(plan.Actions, result.Actions);
        Assert.Equal(RotationOutcome.Declined, declined.Outcome);
        Assert.Equal(4, result.Count(RotationActionKind.RemoveSummary, RotationOutcome.Taken));
        Assert.Equal("RemoveSummary: 4 taken, 1 declined", result.Summary());
        Assert.True(File.Exists(declined.Path));
        var again = Assert.Throws<InvalidOperationException>(() => RotationExecutor.Execute(tree.Layout, plan, options, tree.Clock, _ => true, whatIf: false));
        Assert.Contains("plan again", again.Message);
        Assert.True(File.Exists(declined.Path));
    }

    [Fact]
    public void A_snapshot_above_the_in_memory_limit_is_compressed_through_the_streamed_check_and_decompresses_to_its_bytes()
    {
        using var tree = new RotationTree();
        var small = tree.Snapshot("run-small", RotationTree.Now.AddDays(-30));
        var large = tree.Snapshot("run-large", RotationTree.Now.AddDays(-31));
        var random = new Random(5);
        var content = new byte[VerifiedGzip.InMemoryLimit + 12_345];
        for (var i = 0; i < content.Length; i++) content[i] = (byte)"{}\"abc 0123456789\n"[random.Next(18)];
        File.WriteAllBytes(large, content);
        var smallContent = File.ReadAllBytes(small);

        var result = tree.Rotate();

        Assert.Equal(2, result.Compressed);
        Assert.Equal(content, Gunzip(large + ".gz"));
        Assert.Equal(smallContent, Gunzip(small + ".gz"));
        Assert.False(File.Exists(large));
        Assert.False(File.Exists(small));
        Assert.All(result.Actions.Where(a => a.Kind == RotationActionKind.CompressSnapshot), a => Assert.Equal(new FileInfo(a.Path + ".gz").Length, a.BytesAfter));
    }

    [Fact]
    public void A_snapshot_replaced_by_a_fifo_after_planning_fails_its_action_without_blocking_and_the_rest_is_done()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows file systems have no FIFOs; the Linux runs cover this class.
        }
        using var tree = new RotationTree();
        var swapped = tree.Snapshot("run-swapped", RotationTree.Now.AddDays(-30));
        var other = tree.Snapshot("run-other", RotationTree.Now.AddDays(-30));
        var options = new RotationOptions();
        var plan = RotationPlanner.Plan(tree.Layout, options, tree.Clock);
        File.Delete(swapped);
        Fifo.Make(swapped);

        var result = Fifo.Within(TimeSpan.FromSeconds(20), () => RotationExecutor.Execute(tree.Layout, plan, options, tree.Clock, _ => true, whatIf: false));

        var failed = Assert.Single(result.Actions, a => a.Outcome == RotationOutcome.Failed);
        Assert.Equal(swapped, failed.Path);
        Assert.Contains("not a regular file", failed.Error);
        Assert.False(File.Exists(swapped + ".gz"));
        Assert.True(File.Exists(other + ".gz"));
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }
        return buffer.ToArray();
    }

    private static byte[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
