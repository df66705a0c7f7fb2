
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Metrics;

/// <summary>
/// One summary metric, defined once: its snake_case name in reports and ITER_SUMMARY, unit, help text, how to read it
/// from and put it into <see cref="EdgeMetrics"/>, where a bot's report carries it, the other spellings accepted, how a
/// day report's buckets combine into it, and its Prometheus name in base units.
/// </summary>
internal sealed record MetricDefinition
{
    public required string Name { get; init; }
    public required MetricKind Kind { get; init; }
    public required string Unit { get; init; }
    public required string Help { get; init; }
    public required Func<EdgeMetrics, double?> Get { get; init; }
    public required Func<EdgeMetrics, double?, EdgeMetrics> With { get; init; }
    public MetricPlacement Placement { get; init; } = MetricPlacement.Totals;

    /// <summary>The key under "block_reasons" whose "ratio" also gives this metric (a direct field wins).</summary>
    public string? BlockReason { get; init; }

    public IReadOnlyList<MetricAlias> Aliases { get; init; } = Array.Empty<MetricAlias>();

    public DayAggregation DayAggregation { get; init; } = DayAggregation.WeightedMean;

    public required string PrometheusName { get; init; }

    /// <summary>Multiplies the value into the Prometheus base unit (ms → seconds, percent → ratio).</summary>
    public double PrometheusScale { get; init; } = 1.0;
}
