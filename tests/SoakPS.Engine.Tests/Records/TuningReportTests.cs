using SoakPS.Engine.Files;
using SoakPS.Engine.Guards;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Json;
using SoakPS.Engine.Planning;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Tests.Runs;

/// <summary>
/// TUNING_REPORT is the report its journal gives, including after an interruption and resume: written as the run goes
/// (a side file of formatted lines that becomes the report at the end), byte for byte, and left to the journal when
/// that side file cannot be trusted.
/// </summary>
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
        // What a process killed in the middle of a line leaves in the side file the report is written to.
        File.WriteAllText(TuningReportFile.LinesPath(h.Layout.LatestRun), "{\n  \"iterations\": [\n    {\n      \"iteration\": 1,\n      \"runt");

        h.Run(h.Options(new ListSource(reports), reports.Length) with { Resume = true });

        var report = File.ReadAllText(h.Layout.LatestRun.TuningReport);
        Assert.Contains("\"count\": 6", report);
        Assert.Equal(FromJournal(h), report);
        Assert.False(File.Exists(TuningReportFile.LinesPath(h.Layout.LatestRun)));
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

    private static JournalEntry Decision(int iteration, bool applied, params ParameterStatus[] statuses) => new()
    {
        Type = JournalEntry.Decision, RunId = "r", Iteration = iteration, Applied = applied, KpiVerdict = applied ? "OK" : "WARN",
        NetBps = 1.5 * iteration, At = new DateTimeOffset(2026, 11, 24, 12, iteration, 0, TimeSpan.Zero),
        Outcomes = statuses.Select(s => new ParameterOutcome("min_interval_ms", 70m, 5m, 70m, s, false)).ToList(),
    };

    [Fact]
    public void A_mock_run_longer_than_one_flush_ends_with_the_report_its_journal_gives_and_no_side_file()
    {
        using var h = new RunHarness();
        var options = RunPlanner.Plan(h.Layout, new RunRequest { SourceName = "mock", Iterations = 150, AutoTune = true, Seed = 7, Environment = _ => null, Clock = h.Clock }, _ => { });
        using (options.Source)
        {
            h.Run(options);
        }

        Assert.Equal(FromJournal(h), File.ReadAllText(h.Layout.LatestRun.TuningReport));
        Assert.False(File.Exists(TuningReportFile.LinesPath(h.Layout.LatestRun)));
    }

    [Fact]
    public void Reports_of_no_one_and_several_decisions_are_formatted_as_the_serializer_formats_the_whole_report()
    {
        using var folder = new TempFolder("soakps-report-");
        var run = new RunFolder(folder.Path);
        var decisions = new[]
        {
            Decision(1, true, ParameterStatus.Applied),
            Decision(2, false, ParameterStatus.Cooldown, ParameterStatus.Velocity),
            Decision(3, false, ParameterStatus.Frozen, ParameterStatus.NoEffectiveChange),
        };
        for (var count = 0; count <= decisions.Length; count++)
        {
            using var report = TuningReportFile.Rebuild(run, decisions.Take(count).Prepend(new JournalEntry { Type = JournalEntry.RunStarted, RunId = "r" }));
            Assert.True(report.Complete());

            Assert.Equal(SoakJson.Serialize(TuningReport.FromDecisions(decisions.Take(count))), File.ReadAllText(run.TuningReport));
        }
    }

    [Fact]
    public void A_second_decision_for_an_iteration_cannot_replace_a_written_line_so_the_report_is_left_to_the_journal()
    {
        using var folder = new TempFolder("soakps-report-");
        var run = new RunFolder(folder.Path);
        using var report = TuningReportFile.Begin(run);
        report.Add(Decision(1, true, ParameterStatus.Applied));
        report.Add(Decision(1, false, ParameterStatus.Cooldown));

        Assert.False(report.IsIntact);
        Assert.False(report.Complete());
        Assert.False(File.Exists(run.TuningReport));
        Assert.False(File.Exists(TuningReportFile.LinesPath(run)));
    }

    [Fact]
    public void The_snapshot_summary_counts_the_same_iterations_as_the_report()
    {
        using var folder = new TempFolder("soakps-report-");
        var decisions = new[] { Decision(1, true), Decision(2, false), Decision(3, true) };
        using var report = TuningReportFile.Rebuild(new RunFolder(folder.Path), decisions);

        var expected = RunSession.SnapshotSummaryOf(TuningReport.FromDecisions(decisions));
        var actual = report.SnapshotSummary;
        Assert.Equal(expected.CountByVerdict, actual.CountByVerdict);
        Assert.Equal(expected.MeanNetBps, actual.MeanNetBps);
        Assert.Equal(2, actual.Applies);
    }
}
