using SoakPS.Engine.Journal;
using SoakPS.Engine.Json;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Tests.Runs;

/// <summary>TUNING_REPORT is the report its journal gives, including after an interruption and resume.</summary>
public class TuningReportTests
{
    private static string FromJournal(RunHarness h) =>
        SoakJson.Serialize(TuningReport.FromDecisions(new JournalFile(h.Layout.LatestRun.Journal).Read()));

    [Fact]
    public void A_resumed_run_ends_with_the_report_its_whole_journal_gives()
    {
        using var h = new RunHarness();
        var reports = new[] { ReportTexts.RiskHigh, ReportTexts.RiskHigh, ReportTexts.RiskHigh, ReportTexts.Calm, ReportTexts.Calm, ReportTexts.Stable };
        using var cancel = new CancellationTokenSource();
        var source = new ListSource(reports) { OnObtain = c => { if (c.Iteration == 4) cancel.Cancel(); } };
        h.Run(h.Options(source, reports.Length), cancel.Token);
        Assert.Equal(3, h.Manifest().IterationsCompleted);

        h.Run(h.Options(new ListSource(reports), reports.Length) with { Resume = true });

        var report = File.ReadAllText(h.Layout.LatestRun.TuningReport);
        Assert.Contains("\"count\": 6", report);
        Assert.Equal(FromJournal(h), report);
    }

    [Fact]
    public void Records_other_than_decisions_do_not_count_and_the_last_decision_of_an_iteration_wins()
    {
        var builder = new TuningReportBuilder();
        builder.Add(new JournalEntry { Type = JournalEntry.RunStarted, RunId = "r" });
        builder.Add(new JournalEntry { Type = JournalEntry.Decision, RunId = "r", Iteration = 1, Applied = true, KpiVerdict = "OK" });
        builder.Add(new JournalEntry { Type = JournalEntry.Decision, RunId = "r", Iteration = 1, Applied = false, KpiVerdict = "WARN" });

        var report = builder.Build();

        var entry = Assert.Single(report.Iterations);
        Assert.Equal("WARN", entry.KpiVerdict);
        Assert.Equal(0, report.Summary.Applied);
    }
}
