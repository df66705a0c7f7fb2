using System.Text.Json;

namespace SoakPS.Engine.Reports;

// Interim reader (replaced by the full tolerant reader on the reports branch).
public static class EdgeReportReader
{
    public static EdgeReadResult Read(string? text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text ?? string.Empty);
            var totals = doc.RootElement.TryGetProperty("totals", out var t) ? t : doc.RootElement;
            double? Get(string name) => totals.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            if (Get("net_bps") is null) return EdgeReadResult.Invalid("missing net_bps");
            return EdgeReadResult.Valid(new EdgeMetrics
            {
                NetBps = Get("net_bps"), RiskRatio = Get("risk_ratio"), AdverseBpsP95 = Get("adverse_bps_p95"),
                SlippageBpsP95 = Get("slippage_bps_p95"), CancelRatio = Get("cancel_ratio"), P95LatencyMs = Get("p95_latency_ms"),
                MakerTakerRatio = Get("maker_taker_ratio"),
            });
        }
        catch (JsonException e)
        {
            return EdgeReadResult.Invalid("not JSON: " + e.Message);
        }
    }
}
