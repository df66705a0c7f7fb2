using SoakPS.Engine.History;
using SoakPS.Engine.Json;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Tests.Attacks;

namespace SoakPS.Engine.Tests.Runs;

/// <summary>
/// Reading summaries on all cores changes nothing a reader sees: iteration order (numeric, across many batches),
/// every unreadable file reported in its place, a FIFO among the summaries refused without blocking.
/// </summary>
public class IterationSummaryReadAheadTests
{
    private static readonly System.Text.RegularExpressions.Regex Number = new("\"iteration\": \\d+");

    [Fact]
    public void Thousands_of_summaries_come_in_numeric_order_with_each_unreadable_one_reported_in_its_place()
    {
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.RiskHigh, ReportTexts.Stable, ReportTexts.Calm }), 3));
        var folder = h.Layout.LatestRun;
        var templates = Enumerable.Range(1, 3).Select(n => File.ReadAllText(folder.IterationSummary(n))).ToArray();
        const int count = 2_500;
        var broken = new HashSet<int> { 7, 8, 999, 1_024, 2_500 };
        for (var n = 1; n <= count; n++)
        {
            var text = broken.Contains(n) ? "{\"iteration\": " : Number.Replace(templates[n % 3], $"\"iteration\": {n}", 1);
            File.WriteAllText(folder.IterationSummary(n), text);
        }
        var events = new List<string>();

        foreach (var summary in IterationSummaryReader.Read(folder, null, null, (path, _) => events.Add("error " + Path.GetFileName(path))))
        {
            events.Add("read " + summary.Iteration);
        }

        var expected = Enumerable.Range(1, count).Select(n => broken.Contains(n) ? $"error ITER_SUMMARY_{n}.json" : $"read {n}");
        Assert.Equal(expected, events);
    }

    [Fact]
    public void A_projection_runs_for_every_readable_summary_and_its_results_keep_the_order()
    {
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.RiskHigh, ReportTexts.Stable, ReportTexts.Calm, ReportTexts.RiskHigh }), 40));
        var plain = IterationSummaryReader.Read(h.Layout.LatestRun, null, null, (_, e) => throw e).Select(SoakJson.Serialize).ToList();

        var projected = IterationSummaryReader.Read(h.Layout.LatestRun, null, null, SoakJson.Serialize, (_, e) => throw e).ToList();

        Assert.Equal(40, projected.Count);
        Assert.Equal(plain, projected);
        Assert.Equal(new[] { 38, 39, 40 }, IterationSummaryReader.Read(h.Layout.LatestRun, null, 3, s => s.Iteration, (_, e) => throw e));
        Assert.Equal(new[] { 2, 17 }, IterationSummaryReader.Read(h.Layout.LatestRun, new[] { 17, 2, 99 }, null, s => s.Iteration, (_, e) => throw e));
    }

    [Fact]
    public void A_fifo_named_like_a_summary_is_reported_as_not_a_file_and_the_stream_goes_on()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows file systems have no FIFOs; the Linux runs cover this class.
        }
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.RiskHigh, ReportTexts.Stable }), 3));
        File.Delete(h.Layout.LatestRun.IterationSummary(2));
        Fifo.Make(h.Layout.LatestRun.IterationSummary(2));
        var errors = new List<Exception>();

        var read = Fifo.Within(TimeSpan.FromSeconds(20), () => IterationSummaryReader.Read(h.Layout.LatestRun, null, null, (_, e) => errors.Add(e)).Select(s => s.Iteration).ToList());

        Assert.Equal(new[] { 1, 3 }, read);
        Assert.Equal("InputNotAFile", Assert.IsType<SoakException>(Assert.Single(errors)).ErrorId);
    }
}
