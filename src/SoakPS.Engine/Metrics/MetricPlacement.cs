namespace SoakPS.Engine.Metrics;

/// <summary>Where a real bot's edge report carries a metric: at the "totals" level, in "component_breakdown", or as a "block_reasons" ratio.</summary>
internal enum MetricPlacement
{
    Totals,
    Component,
    BlockReason,
}
