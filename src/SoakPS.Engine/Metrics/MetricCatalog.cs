
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Metrics;

/// <summary>
/// The one list of summary metrics (docs/edge-report.md, docs/artifacts.md). The edge-report reader and writer, rule and policy lookups, the KPI
/// gate, the PowerShell output object and the Prometheus exporter all take names, units and getters from here.
/// </summary>
internal static class MetricCatalog
{
    public static readonly MetricDefinition NetBps = new()
    {
        Name = "net_bps", Kind = MetricKind.Bps, Unit = "bps", Help = "Net edge after fees, slippage, adverse selection and inventory, in basis points.",
        Get = m => m.NetBps, With = (m, v) => m with { NetBps = v }, PrometheusName = "soak_net_bps",
    };

    public static readonly MetricDefinition GrossBps = Component("gross_bps", "Gross edge captured by quotes, in basis points.", m => m.GrossBps, (m, v) => m with { GrossBps = v });
    public static readonly MetricDefinition FeesEffBps = Component("fees_eff_bps", "Effective fees, in basis points.", m => m.FeesEffBps, (m, v) => m with { FeesEffBps = v }, "soak_fees_effective_bps");
    public static readonly MetricDefinition SlippageBps = Component("slippage_bps", "Hedging slippage, in basis points.", m => m.SlippageBps, (m, v) => m with { SlippageBps = v });
    public static readonly MetricDefinition AdverseBps = Component("adverse_bps", "Adverse selection, in basis points.", m => m.AdverseBps, (m, v) => m with { AdverseBps = v });
    public static readonly MetricDefinition InventoryBps = Component("inventory_bps", "Inventory carry, in basis points.", m => m.InventoryBps, (m, v) => m with { InventoryBps = v });

    public static readonly MetricDefinition AdverseBpsP95 = Percentile("adverse_bps_p95", "bps", "95th percentile of adverse selection per fill, in basis points.",
        m => m.AdverseBpsP95, (m, v) => m with { AdverseBpsP95 = v }, "soak_adverse_p95_bps", 1.0);
    public static readonly MetricDefinition SlippageBpsP95 = Percentile("slippage_bps_p95", "bps", "95th percentile of hedging slippage, in basis points.",
        m => m.SlippageBpsP95, (m, v) => m with { SlippageBpsP95 = v }, "soak_slippage_p95_bps", 1.0);
    public static readonly MetricDefinition OrderAgeP95Ms = Percentile("order_age_p95_ms", "ms", "95th percentile of resting order age.",
        m => m.OrderAgeP95Ms, (m, v) => m with { OrderAgeP95Ms = v }, "soak_order_age_p95_seconds", 0.001);
    public static readonly MetricDefinition WsLagP95Ms = Percentile("ws_lag_p95_ms", "ms", "95th percentile of market-data websocket lag.",
        m => m.WsLagP95Ms, (m, v) => m with { WsLagP95Ms = v }, "soak_ws_lag_p95_seconds", 0.001);

    public static readonly MetricDefinition P95LatencyMs = Percentile("p95_latency_ms", "ms", "95th percentile of order round-trip latency.",
        m => m.P95LatencyMs, (m, v) => m with { P95LatencyMs = v }, "soak_latency_p95_seconds", 0.001) with
    {
        Aliases = new[] { MetricAlias.Same("latency.p95", MetricKind.NonNegative), MetricAlias.Same("latency_p95_ms", MetricKind.NonNegative) },
    };

    public static readonly MetricDefinition CancelRatio = new()
    {
        Name = "cancel_ratio", Kind = MetricKind.Ratio, Unit = "ratio", Help = "Cancels per order placed (0..1).",
        Get = m => m.CancelRatio, With = (m, v) => m with { CancelRatio = v }, PrometheusName = "soak_cancel_ratio",
    };

    public static readonly MetricDefinition MakerSharePct = new()
    {
        Name = "maker_share_pct", Kind = MetricKind.Percent, Unit = "percent", Help = "Share of fills as maker.",
        Get = m => m.MakerSharePct, With = (m, v) => m with { MakerSharePct = v },
        Aliases = new[]
        {
            new MetricAlias("taker_share_pct", MetricKind.Percent, t => 100.0 - t, "100 − taker share"),
            new MetricAlias("taker_ratio", MetricKind.Ratio, t => 100.0 * (1.0 - t), "100 × (1 − taker share)"),
        },
        PrometheusName = "soak_maker_share_ratio", PrometheusScale = 0.01,
    };

    public static readonly MetricDefinition MakerTakerRatio = new()
    {
        Name = "maker_taker_ratio", Kind = MetricKind.Quotient, Unit = "maker fills per taker fill", Help = "Maker fills per taker fill.",
        Get = m => m.MakerTakerRatio, With = (m, v) => m with { MakerTakerRatio = v },
        Aliases = new[]
        {
            new MetricAlias("taker_ratio", MetricKind.Ratio, t => t > 0 ? (1.0 - t) / t : null, "(1 − taker share) / taker share"),
            new MetricAlias("taker_share_pct", MetricKind.Percent, t => t > 0 ? (100.0 - t) / t : null, "(100 − taker share %) / taker share %"),
        },
        PrometheusName = "soak_maker_per_taker",
    };

    public static readonly MetricDefinition RiskRatio = Block("risk_ratio", "risk", "Quotes blocked by the inventory risk limit, per quote attempt (0..1).", m => m.RiskRatio, (m, v) => m with { RiskRatio = v });
    public static readonly MetricDefinition MinIntervalRatio = Block("min_interval_ratio", "min_interval", "Requotes blocked by the minimum interval (0..1).", m => m.MinIntervalRatio, (m, v) => m with { MinIntervalRatio = v });
    public static readonly MetricDefinition ConcurrencyRatio = Block("concurrency_ratio", "concurrency", "Requotes blocked by the concurrency limit (0..1).", m => m.ConcurrencyRatio, (m, v) => m with { ConcurrencyRatio = v });
    public static readonly MetricDefinition ThrottleRatio = Block("throttle_ratio", "throttle", "Requotes blocked by the replace-rate throttle (0..1).", m => m.ThrottleRatio, (m, v) => m with { ThrottleRatio = v });

    public static readonly MetricDefinition NetUsd = new()
    {
        Name = "net_usd", Kind = MetricKind.Usd, Unit = "USD", Help = "Net profit of the window in US dollars (net_bps × volume_usd).",
        Get = m => m.NetUsd, With = (m, v) => m with { NetUsd = v }, DayAggregation = DayAggregation.Sum, PrometheusName = "soak_net_usd",
    };

    public static readonly MetricDefinition VolumeUsd = new()
    {
        Name = "volume_usd", Kind = MetricKind.NonNegativeUsd, Unit = "USD", Help = "Maker volume of the window in US dollars.",
        Get = m => m.VolumeUsd, With = (m, v) => m with { VolumeUsd = v }, DayAggregation = DayAggregation.Sum, PrometheusName = "soak_volume_usd",
    };

    /// <summary>Every metric, in the order of ITER_SUMMARY's summary (docs/edge-report.md), then the money.</summary>
    public static readonly IReadOnlyList<MetricDefinition> All = new[]
    {
        NetBps, GrossBps, FeesEffBps, SlippageBps, AdverseBps, InventoryBps, AdverseBpsP95, SlippageBpsP95, OrderAgeP95Ms, WsLagP95Ms,
        P95LatencyMs, CancelRatio, MakerSharePct, MakerTakerRatio, RiskRatio, MinIntervalRatio, ConcurrencyRatio, ThrottleRatio,
        NetUsd, VolumeUsd,
    };

    private static readonly Dictionary<string, MetricDefinition> ByName = All.ToDictionary(m => m.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => All.Select(m => m.Name);

    public static bool TryFind(string name, out MetricDefinition metric) => ByName.TryGetValue(name, out metric!);

    public static MetricDefinition Find(string name) => TryFind(name, out var metric)
        ? metric
        : throw new SoakException("UnknownMetric", SoakErrorKind.InvalidData, $"Unknown metric '{name}'. Known: {string.Join(", ", Names)}.", name);

    private static MetricDefinition Component(string name, string help, Func<EdgeMetrics, double?> get, Func<EdgeMetrics, double?, EdgeMetrics> with, string? prometheusName = null) => new()
    {
        Name = name, Kind = MetricKind.Bps, Unit = "bps", Help = help, Get = get, With = with, Placement = MetricPlacement.Component,
        PrometheusName = prometheusName ?? "soak_" + name,
    };

    private static MetricDefinition Percentile(string name, string unit, string help, Func<EdgeMetrics, double?> get, Func<EdgeMetrics, double?, EdgeMetrics> with,
        string prometheusName, double scale) => new()
    {
        Name = name, Kind = MetricKind.NonNegative, Unit = unit, Help = help, Get = get, With = with, DayAggregation = DayAggregation.NotCombined,
        PrometheusName = prometheusName, PrometheusScale = scale,
    };

    private static MetricDefinition Block(string name, string reason, string help, Func<EdgeMetrics, double?> get, Func<EdgeMetrics, double?, EdgeMetrics> with) => new()
    {
        Name = name, Kind = MetricKind.Ratio, Unit = "ratio", Help = help, Get = get, With = with, Placement = MetricPlacement.BlockReason, BlockReason = reason,
        PrometheusName = "soak_" + name,
    };
}
