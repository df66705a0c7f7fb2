namespace SoakPS.Engine.Tuning;

/// <summary>
/// The regime tuner's shipped classes and presets: thresholds on the last window's adverse_bps_p95, presets fitted on
/// the default simulated market by Find-SoakPreset -Seeds 8 -FirstSeed 2001 from steady_safe (docs/tuning.md), with
/// the fit's evidence.
/// </summary>
internal static class BuiltInPresets
{
    public static IReadOnlyList<RegimeClass> Classes { get; } = new[]
    {
        new RegimeClass("calm", new[] { new RuleCondition("adverse_bps_p95", "<=", 3.0) }, Preset(0.1439m, 0.08m, 0.1225m, 40m, 215m, 719m))
        {
            Evidence = new PresetEvidence(8, 402, 235, 0.997, 0.0415, 2426.82, 6809102),
        },
        new RegimeClass("volatile", new[] { new RuleCondition("adverse_bps_p95", "<=", 7.5) }, Preset(0.128m, 0.0813m, 0.16m, 40m, 316m, 652m))
        {
            Evidence = new PresetEvidence(8, 277, 268, 0, 0, 2489.93, 7535811),
        },
        new RegimeClass("spike", Array.Empty<RuleCondition>(), Preset(0.2025m, 0.08m, 0.16m, 40m, 320m, 759m))
        {
            Evidence = new PresetEvidence(8, 81, 170, 0, 0, 2368.91, 7597464),
        },
    };

    private static IReadOnlyDictionary<string, decimal> Preset(decimal spread, decimal impact, decimal maxDelta, decimal minInterval, decimal replaceRate, decimal tailAge) =>
        new SortedDictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["base_spread_bps_delta"] = spread,
            ["impact_cap_ratio"] = impact,
            ["max_delta_ratio"] = maxDelta,
            ["min_interval_ms"] = minInterval,
            ["replace_rate_per_min"] = replaceRate,
            ["tail_age_ms"] = tailAge,
        };
}
