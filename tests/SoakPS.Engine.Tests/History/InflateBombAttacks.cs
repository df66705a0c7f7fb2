using SoakPS.Engine.History;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Tests.Canary;

namespace SoakPS.Engine.Tests.Attacks;

/// <summary>
/// Attack class "a small .gz that inflates to gigabytes" for summaries: the reader inflates on worker threads, so the
/// bytes allocated are counted for the whole process — which is why this runs alone, with no other test allocating.
/// </summary>
[Collection(nameof(HeapMeasurement))]
[Trait("Category", "Attack")]
public class InflateBombAttacks
{
    [Fact]
    public void A_compressed_summary_that_inflates_far_beyond_the_limit_is_refused_while_inflating()
    {
        using var h = new RunHarness();
        Directory.CreateDirectory(h.Layout.Latest);
        var bomb = h.Layout.LatestRun.IterationSummary(1) + ".gz";
        var inflated = InputFileAttacks.WriteBomb(bomb, 256L * 1024 * 1024);
        Assert.True(new FileInfo(bomb).Length < inflated / 100, "the archive is small");

        var unreadable = new List<string>();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var read = IterationSummaryReader.Read(h.Layout.LatestRun, null, null, (path, e) => unreadable.Add(e.Message)).ToList();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Empty(read);
        Assert.Contains(unreadable, m => m.Contains("once decompressed"));
        // Stopped at the limit (16 MB), not after inflating 256 MB.
        Assert.True(allocated < 96L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MB");
    }
}
