using System.Text.Json.Nodes;
using SoakPS.Engine.Files;
using SoakPS.Engine.Guards;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Tests;

public class StateAndResumeTests
{
    [Fact]
    public void The_same_decision_applied_a_hundred_times_changes_the_file_once_and_keeps_the_state_hash()
    {
        using var h = new RunHarness();
        Directory.CreateDirectory(h.Root);
        var start = ParameterCatalog.Default.Defaults();
        new OverridesFile(h.Layout).Write(start);
        var target = start.With("min_interval_ms", 75m);
        var decision = new JournalEntry
        {
            Type = JournalEntry.Decision, RunId = "run-1", Iteration = 4, Applied = true,
            Overrides = new SortedDictionary<string, decimal>(target.Values.ToDictionary(), StringComparer.Ordinal), StateHash = target.StateHash(),
        };
        var journal = new JournalFile(Path.Combine(h.Root, "journal.jsonl"));
        var applier = new DecisionApplier(h.Layout, journal, ParameterCatalog.Default);

        var writes = Enumerable.Range(0, 100).Select(_ => applier.Apply(decision)).Count(r => r.FileWritten);
        // A fresh applier (a resumed process) knows the key from the journal.
        writes += Enumerable.Range(0, 100).Select(_ => new DecisionApplier(h.Layout, journal, ParameterCatalog.Default).Apply(decision)).Count(r => r.FileWritten);

        Assert.Equal(1, writes);
        Assert.Single(journal.Read(), e => e.Type == JournalEntry.Decision);
        Assert.Equal(target.StateHash(), h.LiveOverrides().StateHash());
    }

    [Fact]
    public void A_corrupt_overrides_file_is_kept_aside_and_the_last_valid_state_restored()
    {
        using var h = new RunHarness();
        var source = new ListSource(new[] { ReportTexts.Make(net: 2.8, risk: 0.45) });
        var options = h.Options(source, 4);
        var events = new List<RunEvent>();
        foreach (var e in SoakRunner.Execute(h.Layout, options, CancellationToken.None))
        {
            events.Add(e);
            if (e is IterationCompleted { Summary.Iteration: 2 })
            {
                File.WriteAllText(h.Layout.RuntimeOverrides, "{\"min_interval_ms\": 75, \"impact_cap_ratio\": NaN");
            }
        }
        var s = h.Summaries();
        Assert.Equal(4, s.Count);
        var keptAside = Directory.GetFiles(h.Root, "runtime_overrides.json.invalid-*");
        Assert.Single(keptAside);
        Assert.Contains("NaN", File.ReadAllText(keptAside[0]));
        Assert.Contains(events.OfType<RunWarning>(), w => w.Message.Contains("runtime_overrides.json was invalid"));
        var restored = Assert.Single(new JournalFile(h.Layout.LatestRun.Journal).Read(), e => e.Type == JournalEntry.StateRestored && e.Iteration == 3);
        // Restored to what iteration 2 left.
        Assert.Equal(s[1].Tuning.Overrides, restored.Overrides);
        Assert.NotNull(new OverridesFile(h.Layout).Read(ParameterCatalog.Default).Values);
    }

    [Fact]
    public void A_corrupt_tuning_state_is_kept_aside_and_rebuilt_from_the_journal()
    {
        using var h = new RunHarness();
        var events = new List<RunEvent>();
        TuningState? before = null;
        foreach (var e in SoakRunner.Execute(h.Layout, h.Options(new ListSource(new[] { ReportTexts.RiskHigh }), 4), CancellationToken.None))
        {
            events.Add(e);
            if (e is IterationCompleted { Summary.Iteration: 1 })
            {
                before = Records.SoakJson.Deserialize<TuningState>(File.ReadAllText(h.Layout.LatestRun.TuningState));
                File.WriteAllText(h.Layout.LatestRun.TuningState, "garbage");
            }
        }
        Assert.Single(Directory.GetFiles(h.Layout.Latest, "TUNING_STATE.json.invalid-*"));
        Assert.Contains(events.OfType<RunWarning>(), w => w.Message.Contains("TUNING_STATE.json was invalid"));
        Assert.Equal(4, h.Summaries().Count);
        // The cooldown started by iteration 1's large apply survived the rebuild.
        Assert.Equal(3, before!.CooldownUntil);
        Assert.Equal("cooldown", h.Summaries()[1].Tuning.SkipReason);
    }

    [Fact]
    public void An_operator_change_during_an_iteration_wins_over_the_runs_apply_and_pauses_tuning()
    {
        using var h = new RunHarness();
        var operatorValues = RunHarness.Profile("ultra_safe");
        var source = new ListSource(new[] { ReportTexts.Make(net: 2.8, risk: 0.45, cancel: 0.6) });
        source.OnObtain = c =>
        {
            if (c.Iteration == 2)
            {
                using (OverridesWriteLock.Acquire(h.Layout, TimeSpan.FromSeconds(5)))
                {
                    new OverridesFile(h.Layout).Write(operatorValues);
                }
            }
        };
        var events = h.Run(h.Options(source, 5, RunHarness.Set(0.14m, 0.09m, 0.14m, 50m, 260m, 650m)));
        var s = h.Summaries();
        Assert.True(s[0].Tuning.Applied);
        Assert.Equal("external_change", s[1].Tuning.SkipReason);
        Assert.Equal(operatorValues.Values, s[1].Tuning.Overrides);
        Assert.Equal("paused", s[2].Tuning.SkipReason);
        Assert.Equal("paused", s[3].Tuning.SkipReason);
        Assert.Equal(operatorValues, h.LiveOverrides());
        Assert.Contains(events.OfType<RunWarning>(), w => w.Message.Contains("changed outside the run"));
    }

    [Fact]
    public void An_operator_change_between_iterations_is_kept()
    {
        using var h = new RunHarness();
        var operatorValues = RunHarness.Profile("steady_safe");
        var events = new List<RunEvent>();
        foreach (var e in SoakRunner.Execute(h.Layout, h.Options(new ListSource(new[] { ReportTexts.Make(net: 2.8, risk: 0.45, cancel: 0.6) }), 4,
                     RunHarness.Set(0.14m, 0.09m, 0.14m, 50m, 260m, 650m)), CancellationToken.None))
        {
            events.Add(e);
            if (e is IterationCompleted { Summary.Iteration: 1 })
            {
                new OverridesFile(h.Layout).Write(operatorValues);
            }
        }
        var s = h.Summaries();
        Assert.Equal("paused", s[1].Tuning.SkipReason);
        Assert.Equal(operatorValues.Values, s[1].Tuning.Overrides);
        Assert.Contains(new JournalFile(h.Layout.LatestRun.Journal).Read(), e => e.Type == JournalEntry.ExternalChange);
    }

    [Fact]
    public void Resume_continues_after_the_last_completed_iteration_with_its_guard_state()
    {
        using var full = new RunHarness();
        var reports = new[] { ReportTexts.RiskHigh, ReportTexts.Make(net: 2.8, risk: 0.45), ReportTexts.Make(net: 2.8, risk: 0.45, adverse: 4.0), ReportTexts.Stable, ReportTexts.Calm, ReportTexts.Stable };
        full.Run(full.Options(new ListSource(reports), reports.Length));

        using var h = new RunHarness();
        using var cts = new CancellationTokenSource();
        var source = new ListSource(reports) { OnObtain = c => { if (c.Iteration == 4) cts.Cancel(); } };
        h.Run(h.Options(source, reports.Length), cts.Token);
        Assert.Equal(RunStatus.Stopped, h.Manifest().Status);
        Assert.Equal(3, h.Summaries().Count);

        h.Run(h.Options(new ListSource(reports), reports.Length) with { Resume = true });
        Assert.Equal(RunStatus.Completed, h.Manifest().Status);
        Assert.Equal(Strip(full.Summaries()), Strip(h.Summaries()));
        Assert.Equal(reports.Length, Report(h)["iterations"]!.AsArray().Count);
    }

    [Fact]
    public void Resume_after_a_crash_between_journal_and_summary_finishes_the_iteration_without_deciding_again()
    {
        using var h = new RunHarness();
        var reports = new[] { ReportTexts.Make(net: 2.8, risk: 0.45), ReportTexts.Make(net: 2.8, risk: 0.45), ReportTexts.Stable };
        h.Run(h.Options(new ListSource(reports), 3));
        var journal = new JournalFile(h.Layout.LatestRun.Journal);
        var decisionsBefore = journal.Read().Count(e => e.Type == JournalEntry.Decision);
        // Simulate the crash: iteration 2 journalled and applied, but no ITER_SUMMARY_2/3 and the file not yet replaced.
        File.Delete(h.Layout.LatestRun.IterationSummary(3));
        File.Delete(h.Layout.LatestRun.IterationSummary(2));
        var lines = File.ReadAllLines(h.Layout.LatestRun.Journal).ToList();
        var third = lines.FindIndex(l => l.Contains("\"type\":\"decision\"") && l.Contains("\"iteration\":3"));
        File.WriteAllLines(h.Layout.LatestRun.Journal, lines.Take(third));
        var decision2 = journal.Read().Last(e => e.Type == JournalEntry.Decision);
        new OverridesFile(h.Layout).Write(new ParameterSet(decision2.Previous!));
        var manifest = h.Manifest();
        manifest.Status = RunStatus.Running;
        AtomicFile.WriteAllText(h.Layout.LatestRun.RunManifest, Records.SoakJson.Serialize(manifest));

        h.Run(h.Options(new ListSource(reports), 3) with { Resume = true });

        var decisions = journal.Read().Where(e => e.Type == JournalEntry.Decision).ToList();
        Assert.Equal(decisionsBefore, decisions.Count);
        Assert.Single(decisions, d => d.Iteration == 2);
        Assert.Equal(decision2.Overrides, h.Summaries()[1].Tuning.Overrides);
        Assert.Equal(3, h.Summaries().Count);
    }

    [Fact]
    public void Resuming_a_completed_run_is_refused()
    {
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.Stable }), 1));
        var error = Assert.Throws<SoakException>(() => h.Run(h.Options(new ListSource(new[] { ReportTexts.Stable }), 1) with { Resume = true }));
        Assert.Equal("RunAlreadyCompleted", error.ErrorId);
    }

    private static JsonNode Report(RunHarness h) => JsonNode.Parse(File.ReadAllText(h.Layout.LatestRun.TuningReport))!;

    private static List<string> Strip(IEnumerable<IterationSummary> summaries) => summaries
        .Select(s => $"{s.Iteration} {s.Kpi.Verdict} {s.Tuning.Applied} {s.Tuning.SkipReason} {s.Tuning.StateHash} " +
                     string.Join(",", s.Tuning.Outcomes.Values.Select(o => $"{o.Parameter}:{o.Status}:{o.New}")))
        .ToList();
}
