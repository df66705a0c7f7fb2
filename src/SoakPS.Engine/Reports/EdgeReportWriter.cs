using System.Text;
using System.Text.Json;

namespace SoakPS.Engine.Reports;

/// <summary>
/// Writes metrics as a real bot's edge report ("totals" with "component_breakdown" and "block_reasons"), so
/// synthetic sources go through the same reader as real ones.
/// </summary>
public static class EdgeReportWriter
{
    public static string Write(EdgeMetrics m, IReadOnlyDictionary<string, int> blockCounts, string? regime)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("totals");
            Number(w, "net_bps", m.NetBps);
            Number(w, "adverse_bps_p95", m.AdverseBpsP95);
            Number(w, "slippage_bps_p95", m.SlippageBpsP95);
            Number(w, "order_age_p95_ms", m.OrderAgeP95Ms);
            Number(w, "ws_lag_p95_ms", m.WsLagP95Ms);
            Number(w, "p95_latency_ms", m.P95LatencyMs);
            Number(w, "cancel_ratio", m.CancelRatio);
            Number(w, "maker_share_pct", m.MakerSharePct);
            Number(w, "maker_taker_ratio", m.MakerTakerRatio);
            w.WriteStartObject("component_breakdown");
            Number(w, "gross_bps", m.GrossBps);
            Number(w, "fees_eff_bps", m.FeesEffBps);
            Number(w, "slippage_bps", m.SlippageBps);
            Number(w, "adverse_bps", m.AdverseBps);
            Number(w, "inventory_bps", m.InventoryBps);
            Number(w, "net_bps", m.NetBps);
            w.WriteEndObject();
            w.WriteStartArray("neg_edge_drivers");
            foreach (var d in m.NegEdgeDrivers) w.WriteStringValue(d);
            w.WriteEndArray();
            w.WriteStartObject("block_reasons");
            Block(w, "min_interval", blockCounts, m.MinIntervalRatio);
            Block(w, "concurrency", blockCounts, m.ConcurrencyRatio);
            Block(w, "risk", blockCounts, m.RiskRatio);
            Block(w, "throttle", blockCounts, m.ThrottleRatio);
            w.WriteEndObject();
            w.WriteEndObject();
            if (regime is not null) w.WriteString("regime", regime);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, Math.Round(v, 6));
    }

    private static void Block(Utf8JsonWriter w, string reason, IReadOnlyDictionary<string, int> counts, double? ratio)
    {
        w.WriteStartObject(reason);
        w.WriteNumber("count", counts.TryGetValue(reason, out var c) ? c : 0);
        Number(w, "ratio", ratio ?? 0);
        w.WriteEndObject();
    }
}
