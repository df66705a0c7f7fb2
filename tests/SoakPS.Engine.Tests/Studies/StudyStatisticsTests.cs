using SoakPS.Engine.Guards;
using SoakPS.Engine.Kpi;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Studies;

namespace SoakPS.Engine.Tests.Studies;

public class ImmediateReversalsTests
{
    private static KeyValuePair<string, decimal>[] D(params (string Name, decimal Delta)[] deltas) =>
        deltas.Select(d => new KeyValuePair<string, decimal>(d.Name, d.Delta)).ToArray();

    [Fact]
    public void A_change_back_in_the_next_iteration_is_a_reversal_and_one_two_iterations_later_is_not()
    {
        var r = new ImmediateReversals();
        Assert.False(r.Observe(1, D(("min_interval_ms", 5))));
        Assert.True(r.Observe(2, D(("min_interval_ms", -3))));
        Assert.False(r.Observe(4, D(("min_interval_ms", 3))));
        Assert.Equal(1, r.Count);
    }

    [Fact]
    public void Moves_in_the_same_direction_and_moves_of_other_parameters_are_not_reversals()
    {
        var r = new ImmediateReversals();
        r.Observe(1, D(("impact_cap_ratio", -0.01m)));
        Assert.False(r.Observe(2, D(("impact_cap_ratio", -0.01m), ("tail_age_ms", 30))));
        Assert.False(r.Observe(3, D(("max_delta_ratio", 0.01m), ("tail_age_ms", 0))));
        Assert.Equal(0, r.Count);
    }

    [Fact]
    public void An_apply_reversing_several_parameters_counts_once_and_the_last_change_is_what_the_next_is_compared_with()
    {
        var r = new ImmediateReversals();
        r.Observe(1, D(("a", 1), ("b", 1)));
        Assert.True(r.Observe(2, D(("a", -1), ("b", -1))));
        Assert.Equal(1, r.Count);
        // a's previous change is now the −1 of iteration 2: +1 at iteration 3 reverses it again (an A→B→A flip-flop).
        Assert.True(r.Observe(3, D(("a", 1))));
        Assert.Equal(2, r.Count);
    }
}

public class PairedDifferenceTests
{
    [Fact]
    public void Mean_t_and_wins_of_known_differences()
    {
        var d = PairedDifference.Of(new[] { 1.0, 2.0, 3.0, -0.5 });
        Assert.Equal(4, d.Seeds);
        Assert.Equal(1.375, d.Mean, 12);
        var sd = Math.Sqrt(new[] { 1.0, 2.0, 3.0, -0.5 }.Sum(x => (x - 1.375) * (x - 1.375)) / 3);
        Assert.Equal(1.375 / (sd / 2), d.T!.Value, 12);
        Assert.Equal(3, d.AWins);
        Assert.Equal(1, d.BWins);
    }

    [Fact]
    public void Identical_arms_and_a_single_seed_have_no_t()
    {
        Assert.Null(PairedDifference.Of(new[] { 0.0, 0.0, 0.0 }).T);
        Assert.Null(PairedDifference.Of(new[] { 2.0 }).T);
        Assert.Equal(0, PairedDifference.Of(new[] { 0.0, 0.0 }).AWins + PairedDifference.Of(new[] { 0.0, 0.0 }).BWins);
    }
}

public class RunTallyTests
{
    private static IterationSummary Window(int n, string? regime, Verdict verdict, double netBps, double? netUsd, double? volumeUsd,
        double risk = 0.2, IDictionary<string, decimal>? applied = null)
    {
        var s = new IterationSummary
        {
            Iteration = n, Regime = regime,
            Summary = new EdgeMetrics { NetBps = netBps, RiskRatio = risk, NetUsd = netUsd, VolumeUsd = volumeUsd },
        };
        s.Kpi.Verdict = verdict;
        if (applied is not null)
        {
            s.Tuning.Applied = true;
            foreach (var (k, v) in applied) s.Tuning.Deltas[k] = v;
        }
        return s;
    }

    [Fact]
    public void Verdicts_are_counted_by_regime_money_is_per_reporting_window_and_finals_cover_the_verdict_window()
    {
        var tally = new RunTally(verdictWindow: 2);
        tally.Add(Window(1, "calm", Verdict.OK, 3.0, 3000, 10e6, applied: new Dictionary<string, decimal> { ["min_interval_ms"] = 5 }));
        tally.Add(Window(2, "spike", Verdict.FAIL, 1.0, -500, 5e6, risk: 0.6, applied: new Dictionary<string, decimal> { ["min_interval_ms"] = -3 }));
        tally.Add(Window(3, "calm", Verdict.WARN, 2.5, null, null, risk: 0.4));
        tally.Add(Window(4, null, Verdict.INVALID, 0, null, null, risk: 0));
        var s = tally.Result("FAIL");

        Assert.Equal(4, s.Iterations);
        Assert.Equal(new VerdictCounts(1, 1, 2), s.Verdicts);
        Assert.Equal(new VerdictCounts(1, 1, 0), s.VerdictsByRegime["calm"]);
        Assert.Equal(new VerdictCounts(0, 0, 1), s.VerdictsByRegime["spike"]);
        Assert.Equal(2, s.VerdictsByRegime.Count);
        Assert.Equal(1250, s.NetUsdPerWindow);
        Assert.Equal(7.5e6, s.VolumeUsdPerWindow);
        Assert.Equal(6.5 / 4, s.MeanNetBps, 12);
        Assert.Equal(1.25, s.FinalNetBps, 12);
        Assert.Equal(0.2, s.FinalRiskRatio, 12);
        Assert.Equal(2, s.Applies);
        Assert.Equal(1, s.ImmediateReversals);
        Assert.Equal("FAIL", s.RunVerdict);
    }

    [Fact]
    public void A_run_whose_source_reports_no_money_has_none_rather_than_zero()
    {
        var tally = new RunTally(8);
        tally.Add(Window(1, null, Verdict.OK, 3.0, null, null));
        Assert.True(double.IsNaN(tally.Result("OK").NetUsdPerWindow));
        Assert.True(double.IsNaN(tally.Result("OK").VolumeUsdPerWindow));
    }

    [Fact]
    public void Only_panic_reverts_count_as_panic_reverts()
    {
        var tally = new RunTally(8);
        var s = Window(1, null, Verdict.FAIL, 1.0, null, null);
        s.Tuning.Events.Add(new GuardEvent("panic", PanicRevertGuard.RevertCode, "reverted", true));
        s.Tuning.Events.Add(new GuardEvent("panic", "no_last_good", "no OK iteration yet", false));
        tally.Add(s);
        Assert.Equal(1, tally.Result("FAIL").PanicReverts);
        Assert.Equal(2, tally.Result("FAIL").GuardEvents);
    }
}

public class StudyComparisonTests
{
    private static StudyRun Run(string arm, int seed, double netUsd, string verdict) =>
        new(seed, arm, arm, false, new RunStatistics { RunVerdict = verdict, VerdictsByRegime = new Dictionary<string, VerdictCounts>(), NetUsdPerWindow = netUsd }, TimeSpan.Zero);

    [Fact]
    public void Every_pair_of_arms_is_compared_once_seed_by_seed_as_first_minus_second()
    {
        var runs = new[]
        {
            Run("a", 1, 100, "OK"), Run("a", 2, 110, "FAIL"), Run("a", 3, 90, "FAIL"),
            Run("b", 1, 90, "FAIL"), Run("b", 2, 100, "OK"), Run("b", 3, 95, "OK"),
            Run("c", 1, 100, "OK"), Run("c", 2, 110, "FAIL"),
        };
        var arms = StudySummary.Of(runs);
        var pairs = StudyComparison.Of(arms, runs);

        Assert.Equal(new[] { ("a", "b"), ("a", "c"), ("b", "c") }, pairs.Select(p => (p.ArmA, p.ArmB)));
        var ab = pairs[0];
        Assert.Equal(3, ab.NetUsdPerWindow.Seeds);
        Assert.Equal(5, ab.NetUsdPerWindow.Mean, 12);
        Assert.Equal((2, 1), (ab.NetUsdPerWindow.AWins, ab.NetUsdPerWindow.BWins));
        Assert.Equal(1, ab.FailRunsDifference);
        // c ran seeds 1 and 2 only: the pair with a covers those, where the two are identical.
        var ac = pairs[1];
        Assert.Equal(2, ac.NetUsdPerWindow.Seeds);
        Assert.Null(ac.NetUsdPerWindow.T);
        Assert.Equal(0, ac.FailRunsDifference);
    }
}
