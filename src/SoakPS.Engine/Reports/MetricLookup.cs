namespace SoakPS.Engine.Reports;

/// <summary>Looks a summary metric up by its snake_case name (rules and policies name metrics as data).</summary>
public static class MetricLookup
{
    private static readonly Dictionary<string, Func<EdgeMetrics, double?>> Getters = new(StringComparer.Ordinal)
    {
        ["net_bps"] = m => m.NetBps,
        ["gross_bps"] = m => m.GrossBps,
        ["fees_eff_bps"] = m => m.FeesEffBps,
        ["slippage_bps"] = m => m.SlippageBps,
        ["adverse_bps"] = m => m.AdverseBps,
        ["inventory_bps"] = m => m.InventoryBps,
        ["adverse_bps_p95"] = m => m.AdverseBpsP95,
        ["slippage_bps_p95"] = m => m.SlippageBpsP95,
        ["order_age_p95_ms"] = m => m.OrderAgeP95Ms,
        ["ws_lag_p95_ms"] = m => m.WsLagP95Ms,
        ["p95_latency_ms"] = m => m.P95LatencyMs,
        ["cancel_ratio"] = m => m.CancelRatio,
        ["maker_share_pct"] = m => m.MakerSharePct,
        ["maker_taker_ratio"] = m => m.MakerTakerRatio,
        ["risk_ratio"] = m => m.RiskRatio,
        ["min_interval_ratio"] = m => m.MinIntervalRatio,
        ["concurrency_ratio"] = m => m.ConcurrencyRatio,
        ["throttle_ratio"] = m => m.ThrottleRatio,
    };

    public static IEnumerable<string> Names => Getters.Keys;

    public static bool IsKnown(string name) => Getters.ContainsKey(name);

    public static double? Get(EdgeMetrics metrics, string name) => Getters.TryGetValue(name, out var get)
        ? get(metrics)
        : throw new SoakException("UnknownMetric", SoakErrorKind.InvalidData, $"Unknown metric '{name}'. Known: {string.Join(", ", Getters.Keys)}.", name);
}
