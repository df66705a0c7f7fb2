namespace SoakPS.Engine.Metrics;

/// <summary>How the buckets of a day report combine into one value of a metric.</summary>
internal enum DayAggregation
{
    /// <summary>A rate or ratio: weighted by the buckets' weight (or their mean when they carry none).</summary>
    WeightedMean,

    /// <summary>An amount (USD of profit or volume): the day's total, only when every bucket carries it.</summary>
    Sum,

    /// <summary>A percentile: a p95 of per-bucket p95s is not a p95, so the day report leaves it not evaluated.</summary>
    NotCombined,
}
