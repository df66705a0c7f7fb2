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
        new RegimeClass("calm", new[] { new RuleCondition("adverse_bps_p95", "<=", 3.0) }, Preset(0.1066m, 0.095m, 0.1244m, 43m, 320m, 500m))
        {
            Evidence = new PresetEvidence(8, 402, 241, 0.9939, 0.0473, 2698.38, 7598758),
        },
        new RegimeClass("volatile", new[] { new RuleCondition("adverse_bps_p95", "<=", 7.5) }, Preset(0.1279m, 0.085m, 0.16m, 40m, 320m, 510m))
        {
            Evidence = new PresetEvidence(8, 277, 185, 0, 0, 2559.22, 7713041),
        },
        new RegimeClass("spike", Array.Empty<RuleCondition>(), Preset(0.2238m, 0.08m, 0.16m, 41m, 320m, 741m))
        {
            Evidence = new PresetEvidence(8, 81, 202, 0, 0, 2369.91, 7550384),
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
