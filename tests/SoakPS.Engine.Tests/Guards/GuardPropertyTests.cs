using CsCheck;
using SoakPS.Engine.Guards;
using SoakPS.Engine.Kpi;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Records;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Tests;

/// <summary>Guard invariants over random histories and proposals (CsCheck; failures shrink to a small counterexample).</summary>
public class GuardPropertyTests
{
    private static readonly ParameterCatalog Catalog = ParameterCatalog.Default;
    private static readonly GuardPolicy Policy = new();

    private static readonly Gen<EdgeMetrics> AnyMetrics =
        Gen.Select(Gen.Double[0.0, 0.9], Gen.Double[-3.0, 5.0], Gen.Double[0.0, 7.0], Gen.Double[0.0, 5.0], Gen.Double[0.0, 0.8], Gen.Double[100.0, 450.0])
            .Select(t => new EdgeMetrics
            {
                RiskRatio = t.Item1, NetBps = t.Item2, AdverseBpsP95 = t.Item3, SlippageBpsP95 = t.Item4, CancelRatio = t.Item5,
                P95LatencyMs = t.Item6, MakerTakerRatio = 1.0,
            });

    /// <summary>Healthy but not calm: KPI OK or WARN, no freeze, so long stretches of applies reach the other guards.</summary>
    private static readonly Gen<EdgeMetrics> HealthyMetrics =
        Gen.Select(Gen.Double[0.36, 0.5], Gen.Double[2.8, 4.0]).Select(t => new EdgeMetrics
        {
            RiskRatio = t.Item1, NetBps = t.Item2, AdverseBpsP95 = 2.0, SlippageBpsP95 = 1.0, CancelRatio = 0.3, P95LatencyMs = 200, MakerTakerRatio = 1.0,
        });

    private static readonly Gen<EdgeMetrics> Metrics = Gen.Frequency((1, AnyMetrics), (2, HealthyMetrics));

    /// <summary>Calm (risk ≤ 0.35, net ≥ 2.7): two in a row start a freeze, so the freeze property meets real freezes.</summary>
    private static readonly Gen<EdgeMetrics> CalmMetrics =
        Gen.Select(Gen.Double[0.05, 0.35], Gen.Double[2.7, 4.0]).Select(t => new EdgeMetrics
        {
            RiskRatio = t.Item1, NetBps = t.Item2, AdverseBpsP95 = 2.0, SlippageBpsP95 = 1.0, CancelRatio = 0.3, P95LatencyMs = 200, MakerTakerRatio = 1.0,
        });

    /// <summary>A raw proposal: one or two parameters moved by up to a tenth of their range, mostly in one direction so budgets fill up.</summary>
    private static readonly Gen<Dictionary<string, decimal>> RawDeltas =
        Gen.Select(Gen.Int[0, Catalog.Definitions.Count - 1], Gen.Int[0, Catalog.Definitions.Count - 1], Gen.Int[-30, 100], Gen.Int[-30, 100])
            .Select(t =>
            {
                var deltas = new Dictionary<string, decimal>();
                foreach (var (index, step) in new[] { (t.Item1, t.Item3), (t.Item2, t.Item4) })
                {
                    var d = Catalog.Definitions[index];
                    var delta = d.Round(d.Range / 10m * step / 100m);
                    if (delta != 0) deltas[d.Name] = delta;
                }
                return deltas;
            });

    private sealed record Step(EdgeMetrics Metrics, Dictionary<string, decimal>? Raw, int WindowMinutes);

    private static readonly Gen<Step> Steps = Gen.Select(Metrics, Gen.Bool, RawDeltas, Gen.Int[1, 20])
        .Select(t => new Step(t.Item1, t.Item2 ? t.Item3 : null, t.Item4));

    private static readonly Gen<ParameterSet> Start = Gen.Double[0.0, 1.0].Array[Catalog.Definitions.Count]
        .Select(f => new ParameterSet(Catalog.Definitions.Select((d, i) => KeyValuePair.Create(d.Name, d.Round(d.Min + d.Range * (decimal)f[i])))));

    private sealed record Applied(int Iteration, DateTimeOffset At, ParameterSet Before, ParameterSet After, bool Panic, bool FrozenBefore, bool FrozenProposed);

    private static List<Applied> Simulate(ParameterSet start, Step[] steps)
    {
        var state = new TuningState { RunId = "prop" };
        var current = start;
        var at = DateTimeOffset.UnixEpoch;
        var streaks = new Dictionary<string, int>();
        var history = new List<Applied>();
        for (var n = 1; n <= steps.Length; n++)
        {
            var step = steps[n - 1];
            at += TimeSpan.FromMinutes(step.WindowMinutes);
            var proposal = step.Raw is null
                ? RulesTuner.Propose(step.Metrics, current, Catalog, RuleSet.BuiltIn, streaks)
                : new Proposal(step.Raw, new[] { "random" }, "random", Array.Empty<string>());
            var frozenBefore = n <= state.FrozenUntil;
            var kpi = KpiGate.Evaluate(step.Metrics, new KpiPolicy());
            var decision = GuardPipeline.Default.Run(new GuardContext(n, n == steps.Length, at, current, proposal, step.Metrics, kpi, state,
                SoakPolicy.Default.Guards, Catalog, _ => RunHarness.Profile("steady_safe")));
            var frozenProposed = Policy.FreezeParameters.Any(p => proposal.Deltas.TryGetValue(p, out var d) && d != 0);
            history.Add(new Applied(n, at, current, decision.NewValues, decision.PanicRevert, frozenBefore, frozenProposed));
            current = decision.NewValues;
        }
        return history;
    }

    private static readonly Gen<(ParameterSet, Step[])> Histories = Gen.Select(Start, Steps.Array[1, 40]);

    private static readonly Gen<(ParameterSet, Step[])> CalmHistories = Gen.Select(Start,
        Gen.Select(Gen.Frequency((1, AnyMetrics), (1, HealthyMetrics), (2, CalmMetrics)), Gen.Bool, RawDeltas, Gen.Int[1, 20])
            .Select(t => new Step(t.Item1, t.Item2 ? t.Item3 : null, t.Item4)).Array[1, 40]);

    [Fact]
    public void Bounds_are_never_crossed()
    {
        Histories.Sample((start, steps) => Simulate(start, steps).All(a =>
            Catalog.Definitions.All(d => d.InBounds(a.After[d.Name]) && d.Round(a.After[d.Name]) == a.After[d.Name])), iter: 300);
    }

    [Fact]
    public void Frozen_parameters_never_move_except_by_a_panic_revert()
    {
        var tested = 0;
        CalmHistories.Sample((start, steps) =>
        {
            var frozen = Simulate(start, steps).Where(a => a.FrozenBefore && !a.Panic).ToList();
            if (frozen.Any(a => a.FrozenProposed))
            {
                Interlocked.Increment(ref tested);
            }
            return frozen.All(a => Policy.FreezeParameters.All(p => a.Before[p] == a.After[p]));
        }, iter: 300);
        // Not vacuous: many sampled histories hold a freeze during which a frozen parameter was proposed to move.
        Assert.True(tested >= 60, $"only {tested} of 300 histories tried to move a frozen parameter");
    }

    [Fact]
    public void The_velocity_budget_is_never_exceeded_in_any_trailing_hour()
    {
        Histories.Sample((start, steps) =>
        {
            var applies = Simulate(start, steps).Where(a => !a.Panic).ToList();
            return applies.All(end => Policy.VelocityLimits.All(limit =>
                applies.Where(a => a.At > end.At - TimeSpan.FromMinutes(60) && a.At <= end.At)
                    .Sum(a => Math.Abs(a.After[limit.Key] - a.Before[limit.Key])) <= limit.Value));
        }, iter: 300);
    }

    [Fact]
    public void Nothing_is_applied_on_the_final_iteration_unless_a_panic_reverts()
    {
        Histories.Sample((start, steps) => Simulate(start, steps).Last() is var last && (last.Panic || last.Before.Equals(last.After)), iter: 200);
    }

    [Fact]
    public void A_throttling_step_never_loosens_and_never_crosses_its_limit()
    {
        var tightening = new RuleSet(RuleSet.BuiltIn.Rules.Where(r => r.Name != "relax").ToArray());
        Gen.Select(Start, Metrics).Sample((start, metrics) =>
        {
            var proposal = RulesTuner.Propose(metrics, start, Catalog, tightening, new Dictionary<string, int> { ["negative_edge"] = 1 });
            var fired = tightening.Rules.Where(r => proposal.FiredRules.Contains(r.Name)).SelectMany(r => r.Changes).ToList();
            return proposal.Deltas.All(kv =>
            {
                var value = start[kv.Key] + kv.Value;
                var steps = fired.Where(c => c.Parameter == kv.Key && Math.Sign(c.Step) == Math.Sign(kv.Value)).ToList();
                // Same direction as safety, and never past the loosest limit among the rules that asked for it.
                return Math.Sign(kv.Value) == Catalog[kv.Key].SaferDirection && steps.Count > 0 &&
                       (kv.Value > 0 ? value <= steps.Max(c => c.Limit) : value >= steps.Min(c => c.Limit));
            });
        }, iter: 1000);
    }

    [Fact]
    public void Deciding_an_iteration_twice_never_applies_twice()
    {
        Gen.Select(Start, Metrics, Gen.Int[1, 50]).Sample((start, metrics, n) =>
        {
            var state = new TuningState { RunId = "prop" };
            var kpi = KpiGate.Evaluate(metrics, new KpiPolicy());
            GuardDecision Decide(ParameterSet current) => GuardPipeline.Default.Run(new GuardContext(n, false, DateTimeOffset.UnixEpoch, current,
                RulesTuner.Propose(metrics, current, Catalog, RuleSet.BuiltIn, new Dictionary<string, int>()), metrics, kpi, state,
                SoakPolicy.Default.Guards, Catalog, _ => RunHarness.Profile("steady_safe")));
            var first = Decide(start);
            var second = Decide(first.NewValues);
            return first.PanicRevert || !second.Changed;
        }, iter: 500);
    }
}
