using System.Text.Json.Serialization;

namespace SoakPS.Engine.Records;

/// <summary>
/// The normalised metrics of one edge report (ITER_SUMMARY "summary", docs/artifacts.md). A metric the report did not
/// carry is null: "not evaluated", never zero.
/// </summary>
internal sealed record EdgeMetrics
{
    public double? NetBps { get; init; }
    public double? GrossBps { get; init; }
    public double? FeesEffBps { get; init; }
    public double? SlippageBps { get; init; }
    public double? AdverseBps { get; init; }
    public double? InventoryBps { get; init; }
    [JsonPropertyName("adverse_bps_p95")] public double? AdverseBpsP95 { get; init; }
    [JsonPropertyName("slippage_bps_p95")] public double? SlippageBpsP95 { get; init; }
    [JsonPropertyName("order_age_p95_ms")] public double? OrderAgeP95Ms { get; init; }
    [JsonPropertyName("ws_lag_p95_ms")] public double? WsLagP95Ms { get; init; }
    [JsonPropertyName("p95_latency_ms")] public double? P95LatencyMs { get; init; }
    public double? CancelRatio { get; init; }
    public double? MakerSharePct { get; init; }
    public double? MakerTakerRatio { get; init; }
    public double? RiskRatio { get; init; }
    public double? MinIntervalRatio { get; init; }
    public double? ConcurrencyRatio { get; init; }
    public double? ThrottleRatio { get; init; }

    /// <summary>The window's profit in USD: bps alone reward trading less, money does not.</summary>
    public double? NetUsd { get; init; }

    /// <summary>The window's maker volume in USD, the base every bps figure is per.</summary>
    public double? VolumeUsd { get; init; }
    public IReadOnlyList<string> NegEdgeDrivers { get; init; } = Array.Empty<string>();
}
