using SoakPS.Engine.Parameters;

namespace SoakPS.Engine.Sources.Simulation;

/// <summary>The six tuned parameters as the simulated bot uses them; a parameter the overrides lack takes its catalog default.</summary>
internal readonly record struct QuoteSettings(
    double SpreadDeltaBps,
    double ImpactCapRatio,
    double MaxDeltaRatio,
    double MinIntervalMs,
    double ReplaceRatePerMin,
    double TailAgeMs)
{
    public static QuoteSettings From(ParameterSet overrides)
    {
        var defaults = ParameterCatalog.Default.Defaults();
        double Get(string name) => (double)(overrides.TryGet(name, out var v) ? v : defaults[name]);
        return new QuoteSettings(Get("base_spread_bps_delta"), Get("impact_cap_ratio"), Get("max_delta_ratio"),
            Get("min_interval_ms"), Get("replace_rate_per_min"), Get("tail_age_ms"));
    }
}
