namespace SoakPS.Engine.Metrics;

/// <summary>What values of a metric are possible, so the reader can refuse the impossible and normalise percentages.</summary>
internal enum MetricKind
{
    /// <summary>Basis points, either sign, within ±10,000.</summary>
    Bps,

    /// <summary>A non-negative figure such as a p95 in ms or bps.</summary>
    NonNegative,

    /// <summary>0..1; a value above 1 (up to 100) is a percentage and is divided by 100.</summary>
    Ratio,

    /// <summary>0..100.</summary>
    Percent,

    /// <summary>A non-negative quotient that may exceed 1 (maker fills per taker fill).</summary>
    Quotient,

    /// <summary>An amount of money in USD, either sign, within ±10¹⁵.</summary>
    Usd,

    /// <summary>A non-negative amount in USD (a volume), up to 10¹⁵.</summary>
    NonNegativeUsd,
}
