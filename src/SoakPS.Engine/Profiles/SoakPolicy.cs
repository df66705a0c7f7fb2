using SoakPS.Engine.Guards;
using SoakPS.Engine.Kpi;
using SoakPS.Engine.Sources.Simulation;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Profiles;

/// <summary>Every threshold, step and bound the engine uses, as data. Defaults are the documented ones (docs/kpi-policy.md, docs/guards.md); a profile's "policy" overrides them.</summary>
internal sealed record SoakPolicy
{
    public static SoakPolicy Default { get; } = new();

    public KpiPolicy Kpi { get; init; } = new();
    public GuardPolicy Guards { get; init; } = new();
    public RuleSet Rules { get; init; } = RuleSet.BuiltIn;

    /// <summary>Which tuner proposes changes, and the regime tuner's classes and presets (policy.tuner).</summary>
    public TunerPolicy Tuner { get; init; } = TunerPolicy.Default;

    /// <summary>The simulated market of -Simulate runs: regime transition probabilities and regime constants (policy.simulator).</summary>
    public MarketModel Simulator { get; init; } = MarketModel.Default;
}
