using System.IO.Compression;
using System.Text;
using SoakPS.Engine.Files;
using SoakPS.Engine.History;
using SoakPS.Engine.Json;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Tests.Runs;

/// <summary>The lean summary reader gives exactly what the general JSON reader gives, for plain, compressed and BOM-marked files.</summary>
public class IterationSummaryReaderTests
{
    private static List<IterationSummary> ReadAll(RunFolder folder, List<string> unreadable) =>
        IterationSummaryReader.Read(folder, null, null, (path, _) => unreadable.Add(Path.GetFileName(path))).ToList();

    [Fact]
    public void Every_summary_of_a_run_with_guard_events_reads_back_as_the_general_reader_reads_it()
    {
        using var h = new RunHarness();
        var reports = new[] { ReportTexts.RiskHigh, ReportTexts.RiskHigh, ReportTexts.RiskHigh, ReportTexts.Calm, ReportTexts.Calm, ReportTexts.Make(net: 2.8, risk: 0.45, adverse: 4.0) };
        h.Run(h.Options(new ListSource(reports), reports.Length));
        var unreadable = new List<string>();

        var lean = ReadAll(h.Layout.LatestRun, unreadable);

        Assert.Empty(unreadable);
        var general = IterationFiles.List(h.Layout.Latest).Select(f => SoakJson.Deserialize<IterationSummary>(File.ReadAllText(f.Path))).ToList();
        Assert.Equal(general.Select(SoakJson.Serialize), lean.Select(SoakJson.Serialize));
        Assert.Contains(lean, s => s.Tuning.Events.Count > 0 && s.Tuning.Outcomes.Count > 0);
    }

    [Fact]
    public void Compressed_and_bom_marked_files_read_like_plain_ones_and_a_broken_file_is_reported_while_the_rest_stream_on()
    {
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.RiskHigh, ReportTexts.Stable }), 4));
        var folder = h.Layout.LatestRun;
        var before = ReadAll(folder, new List<string>()).Select(SoakJson.Serialize).ToList();

        var one = folder.IterationSummary(1);
        using (var gz = new GZipStream(File.Create(one + ".gz"), CompressionLevel.Fastest))
        {
            gz.Write(File.ReadAllBytes(one));
        }
        File.Delete(one);
        File.WriteAllText(folder.IterationSummary(2), File.ReadAllText(folder.IterationSummary(2)), new UTF8Encoding(true));
        var three = File.ReadAllText(folder.IterationSummary(3));
        File.WriteAllText(folder.IterationSummary(3), three[..(three.Length / 2)]);
        var unreadable = new List<string>();

        var after = ReadAll(folder, unreadable).Select(SoakJson.Serialize).ToList();

        Assert.Equal(new[] { "ITER_SUMMARY_3.json" }, unreadable);
        Assert.Equal(new[] { before[0], before[1], before[3] }, after);
    }

    [Fact]
    public void A_summary_larger_than_the_read_buffer_is_read_whole()
    {
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.Stable }), 1));
        var path = h.Layout.LatestRun.IterationSummary(1);
        var summary = SoakJson.Deserialize<IterationSummary>(File.ReadAllText(path));
        summary.Tuning.Rationale = new string('r', 100_000);
        File.WriteAllText(path, SoakJson.Serialize(summary));

        var read = Assert.Single(ReadAll(h.Layout.LatestRun, new List<string>()));

        Assert.Equal(100_000, read.Tuning.Rationale.Length);
    }
}
