using SoakPS.Engine.Guards;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Tests;

/// <summary>Each guard of docs/guards.md driven through the soak loop with crafted edge reports: once where it fires, once where it must not.</summary>
public class GuardScenarioTests
{
    // Calm enough to count toward a freeze (risk ≤ 0.35, net ≥ 2.7) without firing "relax" (needs risk < 0.35).
    private static readonly string CalmNoRule = ReportTexts.Make(net: 2.8, risk: 0.35);
    // risk 0.45 (elevated) and adverse p95 4.0: min_interval +5, impact_cap −0.01, max_delta −0.01; KPI WARN.
    private static readonly string ElevatedAdverse = ReportTexts.Make(net: 2.8, risk: 0.45, adverse: 4.0);
    // cancel_ratio 0.6: min_interval +5, replace_rate −30; every KPI OK.
    private static readonly string Cancels = ReportTexts.Make(net: 3.0, risk: 0.38, cancel: 0.6);

    private static SoakRunOptions With(SoakRunOptions o, Func<GuardPolicy, GuardPolicy> guards) =>
        o with { Policy = o.Policy with { Guards = guards(o.Policy.Guards) } };

    private static ParameterOutcome Outcome(IterationSummary s, string parameter) => s.Tuning.Outcomes[parameter];

    [Fact]
    public void Freeze_holds_impact_cap_and_max_delta_while_min_interval_tunes_and_releases_after_expiry()
    {
        using var h = new RunHarness();
        var reports = new[] { CalmNoRule, CalmNoRule, ElevatedAdverse, ReportTexts.Stable, ReportTexts.Stable, ReportTexts.Stable, ElevatedAdverse, ReportTexts.Stable };
        h.Run(h.Options(new ListSource(reports), reports.Length));
        var s = h.Summaries();

        Assert.Contains(s[1].Tuning.Events, e => e.Code == "freeze_entered");
        Assert.True(s[2].Tuning.Guards["freeze"]);
        Assert.Equal(ParameterStatus.Frozen, Outcome(s[2], "impact_cap_ratio").Status);
        Assert.Equal(ParameterStatus.Frozen, Outcome(s[2], "max_delta_ratio").Status);
        Assert.Equal(0.09m, s[2].Tuning.Overrides["impact_cap_ratio"]);
        Assert.Equal(0.14m, s[2].Tuning.Overrides["max_delta_ratio"]);
        Assert.Equal(ParameterStatus.Applied, Outcome(s[2], "min_interval_ms").Status);
        Assert.Equal(75m, s[2].Tuning.Overrides["min_interval_ms"]);

        Assert.True(s[5].Tuning.Guards["freeze"]);
        Assert.False(s[6].Tuning.Guards["freeze"]);
        Assert.Equal(ParameterStatus.Applied, Outcome(s[6], "impact_cap_ratio").Status);
        Assert.Equal(0.08m, s[6].Tuning.Overrides["impact_cap_ratio"]);
    }

    [Fact]
    public void Freeze_does_not_start_without_consecutive_calm_iterations()
    {
        using var h = new RunHarness();
        var reports = new[] { CalmNoRule, ReportTexts.Make(net: 2.5, risk: 0.3), CalmNoRule, ElevatedAdverse, ReportTexts.Stable };
        h.Run(h.Options(new ListSource(reports), reports.Length));
        var s = h.Summaries();
        Assert.All(s, x => Assert.False(x.Tuning.Guards["freeze"]));
        Assert.Equal(0.08m, s[3].Tuning.Overrides["impact_cap_ratio"]);
        Assert.Equal(0.13m, s[3].Tuning.Overrides["max_delta_ratio"]);
    }

    [Fact]
    public void Oscillation_back_toward_the_earlier_value_is_blocked_held_and_warned()
    {
        using var h = new RunHarness();
        // min_interval 70 → 75 (risk elevated), then "relax" asks −3 → 72: within 10 % of its range (4 ms) of 70, A→B→A,
        // although the move away (5 ms) was smaller than 10 % of the value (7 ms), which the band used to be measured by.
        var reports = new[] { ReportTexts.Make(net: 2.8, risk: 0.45, adverse: 2.0), ReportTexts.Calm, ReportTexts.Calm, ReportTexts.Stable };
        var options = With(h.Options(new ListSource(reports), reports.Length, RunHarness.Set(0.14m, 0.09m, 0.14m, 70m, 260m, 650m)),
            g => g with { CooldownSizeThreshold = 10m, FreezeAfterIterations = 100 });
        var events = h.Run(options);
        var s = h.Summaries();

        Assert.Equal(75m, s[0].Tuning.Overrides["min_interval_ms"]);
        Assert.Equal(ParameterStatus.Oscillation, Outcome(s[1], "min_interval_ms").Status);
        Assert.Equal(75m, s[1].Tuning.Overrides["min_interval_ms"]);
        Assert.Equal(ParameterStatus.Applied, Outcome(s[1], "impact_cap_ratio").Status);
        Assert.Contains(events.OfType<RunWarning>(), w => w.Message.Contains("oscillate"));
        // Held: the next iteration's proposal for the same parameter is blocked too.
        Assert.Equal(ParameterStatus.Oscillation, Outcome(s[2], "min_interval_ms").Status);
    }

    [Fact]
    public void A_return_after_the_oscillation_window_is_not_blocked()
    {
        using var h = new RunHarness();
        // The same A→B→A as above, but the move back comes 7 iterations after the move away: the window (6) forgot it.
        var reports = new[] { ReportTexts.Make(net: 2.8, risk: 0.45, adverse: 2.0) }.Concat(Enumerable.Repeat(ReportTexts.Stable, 6)).Append(ReportTexts.Calm).Append(ReportTexts.Stable).ToArray();
        var options = With(h.Options(new ListSource(reports), reports.Length, RunHarness.Set(0.14m, 0.09m, 0.14m, 70m, 260m, 650m)),
            g => g with { CooldownSizeThreshold = 10m, FreezeAfterIterations = 100 });
        h.Run(options);
        var s = h.Summaries();

        Assert.Equal(75m, s[0].Tuning.Overrides["min_interval_ms"]);
        Assert.Equal(ParameterStatus.Applied, Outcome(s[7], "min_interval_ms").Status);
        Assert.Equal(72m, s[7].Tuning.Overrides["min_interval_ms"]);
    }

    [Fact]
    public void A_change_that_keeps_moving_away_is_not_an_oscillation()
    {
        using var h = new RunHarness();
        var adverse = ReportTexts.Make(net: 2.8, risk: 0.38, adverse: 4.0);
        var options = With(h.Options(new ListSource(new[] { adverse, adverse, adverse }), 3, RunHarness.Set(0.14m, 0.12m, 0.16m, 70m, 260m, 650m)),
            g => g with { CooldownSizeThreshold = 10m });
        h.Run(options);
        var s = h.Summaries();
        Assert.Equal(ParameterStatus.Applied, Outcome(s[1], "impact_cap_ratio").Status);
        Assert.All(s, x => Assert.False(x.Tuning.Guards["oscillation"]));
    }

    [Fact]
    public void Velocity_caps_the_applied_change_per_trailing_hour_of_the_runs_clock()
    {
        using var h = new RunHarness();
        var start = RunHarness.Set(0.14m, 0.09m, 0.14m, 40m, 200m, 650m);
        var events = h.Run(h.Options(new ListSource(new[] { Cancels }), 14, start));
        var s = h.Summaries();

        // Five-minute windows: six +5 ms applies use the 30 ms budget; the seventh is rejected.
        Assert.Equal(70m, s[5].Tuning.Overrides["min_interval_ms"]);
        Assert.Equal(ParameterStatus.Velocity, Outcome(s[6], "min_interval_ms").Status);
        Assert.Equal(70m, s[6].Tuning.Overrides["min_interval_ms"]);
        Assert.Contains(events.OfType<RunWarning>(), w => w.Message.Contains("min_interval_ms change 5 rejected"));
        // An hour after the first apply its budget is free again.
        Assert.Equal(ParameterStatus.Applied, Outcome(s[12], "min_interval_ms").Status);
        Assert.Equal(75m, s[12].Tuning.Overrides["min_interval_ms"]);
    }

    [Fact]
    public void Velocity_allows_the_same_steps_spread_over_longer_windows()
    {
        using var h = new RunHarness();
        var start = RunHarness.Set(0.14m, 0.09m, 0.14m, 40m, 200m, 650m);
        h.Run(h.Options(new ListSource(new[] { Cancels }), 9, start) with { IterationWindow = TimeSpan.FromMinutes(15) });
        var s = h.Summaries();
        Assert.All(s, x => Assert.False(x.Tuning.Guards["velocity"]));
        Assert.Equal(80m, s[7].Tuning.Overrides["min_interval_ms"]);
    }

    [Fact]
    public void Cooldown_follows_a_large_apply_and_lets_a_small_one_through()
    {
        using var big = new RunHarness();
        // risk_high from defaults: 5/40 + 0.01/0.04 + 30/300 = 0.475 > 0.25.
        big.Run(With(big.Options(new ListSource(new[] { ReportTexts.RiskHigh }), 5), g => g with { PanicFailStreak = 100 }));
        var s = big.Summaries();
        Assert.True(s[0].Tuning.Applied);
        Assert.Equal("cooldown", s[1].Tuning.SkipReason);
        Assert.Equal("cooldown", s[2].Tuning.SkipReason);
        Assert.True(s[3].Tuning.Applied);

        using var small = new RunHarness();
        // risk_elevated from defaults: 5/40 = 0.125.
        small.Run(small.Options(new ListSource(new[] { ReportTexts.Make(net: 2.8, risk: 0.45) }), 3, RunHarness.Set(0.14m, 0.09m, 0.14m, 60m, 260m, 650m)));
        var t = small.Summaries();
        Assert.True(t[0].Tuning.Applied);
        Assert.True(t[1].Tuning.Applied);
        Assert.All(t, x => Assert.False(x.Tuning.Guards["cooldown"]));
    }

    [Fact]
    public void Three_consecutive_fails_revert_to_steady_safe_in_that_iteration_and_pause_tuning()
    {
        using var h = new RunHarness();
        var events = h.Run(h.Options(new ListSource(new[] { ReportTexts.RiskHigh }), 6, RunHarness.Profile("aggressive")));
        var s = h.Summaries();
        Assert.False(s[1].Tuning.Guards["panic"]);
        Assert.True(s[2].Tuning.Guards["panic"]);
        Assert.Equal(RunHarness.Profile("steady_safe").Values, s[2].Tuning.Overrides);
        Assert.All(s[2].Tuning.Outcomes.Values, o => Assert.Equal(ParameterStatus.Panic, o.Status));
        Assert.Equal("paused", s[3].Tuning.SkipReason);
        Assert.Equal("paused", s[4].Tuning.SkipReason);
        Assert.Equal(RunHarness.Profile("steady_safe"), h.LiveOverrides());
        Assert.Contains(events.OfType<RunWarning>(), w => w.Message.Contains("reverted to steady_safe"));
    }

    [Fact]
    public void A_hold_that_outlasts_the_run_is_named_as_the_rest_of_the_run_not_an_iteration_past_its_end()
    {
        // A large apply at iteration 2 of 3 (cooldown through iteration 4) and a panic revert at iteration 3 (paused through 5).
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.RiskHigh }), 3, RunHarness.Profile("aggressive")));
        var messages = h.Summaries().SelectMany(x => x.Tuning.Events).Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.EndsWith("tuning paused for the rest of the run.", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.EndsWith("no apply for the rest of the run.", StringComparison.Ordinal));
        Assert.All(messages, m => Assert.DoesNotMatch("iteration [4-9]", m));

        // Within the run the iteration is named as before.
        using var longer = new RunHarness();
        longer.Run(longer.Options(new ListSource(new[] { ReportTexts.RiskHigh }), 8, RunHarness.Profile("aggressive")));
        Assert.Contains(longer.Summaries().SelectMany(x => x.Tuning.Events), e => e.Message.EndsWith("tuning paused until after iteration 5.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_broken_fail_streak_does_not_revert()
    {
        using var h = new RunHarness();
        var reports = new[] { ReportTexts.RiskHigh, ReportTexts.RiskHigh, ReportTexts.Make(net: 2.5), ReportTexts.RiskHigh, ReportTexts.RiskHigh, ReportTexts.Stable };
        h.Run(With(h.Options(new ListSource(reports), reports.Length), g => g with { CooldownSizeThreshold = 10m }));
        Assert.All(h.Summaries(), x => Assert.False(x.Tuning.Guards["panic"]));
    }

    [Fact]
    public void Panic_to_last_good_restores_the_overrides_of_the_last_ok_iteration()
    {
        using var h = new RunHarness();
        var reports = new[] { ReportTexts.Stable, ReportTexts.RiskHigh, ReportTexts.RiskHigh, ReportTexts.RiskHigh, ReportTexts.Stable };
        h.Run(With(h.Options(new ListSource(reports), reports.Length), g => g with { PanicTarget = "last_good", CooldownSizeThreshold = 10m }));
        var s = h.Summaries();
        Assert.True(s[3].Tuning.Guards["panic"]);
        Assert.Equal(ParameterCatalog.Default.Defaults().Values, s[3].Tuning.Overrides);
    }

    [Fact]
    public void Bounds_clamp_record_the_hit_and_report_no_effective_change()
    {
        using var h = new RunHarness();
        var rules = new RuleSet(new[]
        {
            new TuningRule("push", new[] { new RuleCondition("net_bps", ">", 0) }, new[] { new RuleStep("min_interval_ms", 5m, 100m) }),
        });
        var options = h.Options(new ListSource(new[] { ReportTexts.Stable }), 3, RunHarness.Set(0.14m, 0.09m, 0.14m, 78m, 260m, 650m));
        h.Run(options with { Policy = options.Policy with { Rules = rules } });
        var s = h.Summaries();
        Assert.Equal(80m, s[0].Tuning.Overrides["min_interval_ms"]);
        Assert.True(Outcome(s[0], "min_interval_ms").HitBound);
        Assert.Equal(ParameterStatus.NoEffectiveChange, Outcome(s[1], "min_interval_ms").Status);
        Assert.Equal("no_effective_change", s[1].Tuning.SkipReason);
    }

    [Fact]
    public void Deciding_the_same_iteration_again_is_already_applied()
    {
        var state = new TuningState { RunId = "r" };
        var current = ParameterCatalog.Default.Defaults();
        var metrics = new SoakPS.Engine.Records.EdgeMetrics { RiskRatio = 0.45, NetBps = 2.8 };
        var kpi = Kpi.KpiGate.Evaluate(metrics, new Kpi.KpiPolicy());
        GuardDecision Decide() => GuardPipeline.Default.Run(new GuardContext(4, false, DateTimeOffset.UnixEpoch, current,
            RulesTuner.Propose(metrics, current, ParameterCatalog.Default, RuleSet.BuiltIn, new Dictionary<string, int>()),
            metrics, kpi, state, SoakPolicy.Default.Guards, ParameterCatalog.Default, RunHarness.Profile));
        Assert.True(Decide().Changed);
        var again = Decide();
        Assert.False(again.Changed);
        Assert.All(again.Outcomes, o => Assert.Equal(ParameterStatus.AlreadyApplied, o.Status));
    }
}
