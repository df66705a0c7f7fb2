using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Tests;

public class TunerTests
{
    private static readonly ParameterCatalog Catalog = ParameterCatalog.Default;

    private static Proposal Propose(EdgeMetrics m, ParameterSet? current = null, Dictionary<string, int>? streaks = null) =>
        RulesTuner.Propose(m, current ?? Catalog.Defaults(), Catalog, RuleSet.BuiltIn, streaks ?? new());

    [Fact]
    public void No_rule_fired_is_stable_with_no_change()
    {
        var p = Propose(new EdgeMetrics { RiskRatio = 0.38, NetBps = 2.8, AdverseBpsP95 = 2.0, SlippageBpsP95 = 1.0, CancelRatio = 0.3 });
        Assert.True(p.IsEmpty);
        Assert.Equal("stable", p.Rationale);
    }

    [Fact]
    public void Risk_high_moves_three_parameters_by_their_steps()
    {
        var p = Propose(new EdgeMetrics { RiskRatio = 0.65, NetBps = 1 });
        Assert.Equal(5m, p.Deltas["min_interval_ms"]);
        Assert.Equal(-0.01m, p.Deltas["impact_cap_ratio"]);
        Assert.Equal(30m, p.Deltas["tail_age_ms"]);
        Assert.Contains("risk_high", p.FiredRules);
    }

    [Fact]
    public void A_step_stops_at_its_cap_and_never_reverses_sign()
    {
        var beyondCap = Catalog.Defaults().With("min_interval_ms", 78m);
        var p = Propose(new EdgeMetrics { RiskRatio = 0.45 }, beyondCap);
        Assert.False(p.Deltas.ContainsKey("min_interval_ms"));
        var nearCap = Catalog.Defaults().With("min_interval_ms", 73m);
        Assert.Equal(2m, Propose(new EdgeMetrics { RiskRatio = 0.45 }, nearCap).Deltas["min_interval_ms"]);
    }

    [Fact]
    public void Same_direction_takes_the_larger_step()
    {
        // risk_high (+30) and slippage (+30) on tail_age; adverse (-0.01) and risk_high (-0.01) on impact cap.
        var p = Propose(new EdgeMetrics { RiskRatio = 0.7, SlippageBpsP95 = 3.0, CancelRatio = 0.6 });
        Assert.Equal(30m, p.Deltas["tail_age_ms"]);
        Assert.Equal(5m, p.Deltas["min_interval_ms"]);
    }

    [Fact]
    public void Negative_edge_needs_two_consecutive_iterations()
    {
        var streaks = new Dictionary<string, int>();
        var first = Propose(new EdgeMetrics { NetBps = -1 }, streaks: streaks);
        Assert.DoesNotContain("negative_edge", first.FiredRules);
        var second = Propose(new EdgeMetrics { NetBps = -0.5 }, streaks: streaks);
        Assert.Contains("negative_edge", second.FiredRules);
        Assert.Equal(0.02m, second.Deltas["base_spread_bps_delta"]);
    }

    [Fact]
    public void Opposite_directions_resolve_toward_less_risk_and_record_the_conflict()
    {
        var rules = new RuleSet(new[]
        {
            new TuningRule("tighten", new[] { new RuleCondition("net_bps", "<", 1) }, new[] { new RuleStep("min_interval_ms", 5m, 80m) }),
            new TuningRule("loosen", new[] { new RuleCondition("net_bps", "<", 1) }, new[] { new RuleStep("min_interval_ms", -3m, 50m) }),
        });
        var p = RulesTuner.Propose(new EdgeMetrics { NetBps = 0 }, Catalog.Defaults(), Catalog, rules, new Dictionary<string, int>());
        Assert.Equal(5m, p.Deltas["min_interval_ms"]);
        Assert.Single(p.Conflicts);
    }

    [Fact]
    public void A_step_shortened_by_its_floor_is_exact()
    {
        var current = Catalog.Defaults().With("impact_cap_ratio", 0.085m);
        var p = Propose(new EdgeMetrics { RiskRatio = 0.7 }, current);
        Assert.Equal(-0.005m, p.Deltas["impact_cap_ratio"]);
        Assert.Equal("-0.005", SoakPS.Engine.Json.JsonNumbers.Format(p.Deltas["impact_cap_ratio"]));
    }

    [Fact]
    public void A_tightening_rule_clipped_at_its_limit_still_votes_so_relax_does_not_win()
    {
        // min_interval at 80: "cancels" (+5, cap 80) is clipped to 0; "relax" (−3) fires in the same window. The clipped rule
        // votes for its direction, the conflict resolves toward less risk: no change (the 80 → 77 → 80 flip of old).
        var atCap = Catalog.Defaults().With("min_interval_ms", 80m);
        var p = Propose(new EdgeMetrics { RiskRatio = 0.30, NetBps = 3.2, AdverseBpsP95 = 1.5, SlippageBpsP95 = 1.0, CancelRatio = 0.6 }, atCap);
        Assert.Contains("cancels", p.FiredRules);
        Assert.Contains("relax", p.FiredRules);
        Assert.False(p.Deltas.ContainsKey("min_interval_ms"));
        Assert.Contains(p.Conflicts, c => c.StartsWith("min_interval_ms:", StringComparison.Ordinal) && c.Contains("at its limit"));
    }

    [Fact]
    public void A_relaxing_rule_alone_still_moves_when_no_tightening_rule_fires()
    {
        var atCap = Catalog.Defaults().With("min_interval_ms", 80m);
        var p = Propose(new EdgeMetrics { RiskRatio = 0.30, NetBps = 3.2, AdverseBpsP95 = 1.5, SlippageBpsP95 = 1.0, CancelRatio = 0.3 }, atCap);
        Assert.Equal(-3m, p.Deltas["min_interval_ms"]);
        Assert.Empty(p.Conflicts);
    }
}
