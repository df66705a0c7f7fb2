namespace SoakPS.Engine.Sources.Simulation;

/// <summary>
/// What one simulated window produced: raw counts and the profit decomposition in USD, from which the edge report's
/// bps figures (per USD of maker volume) are derived. net = gross − adverse + inventory − slippage − fees.
/// </summary>
internal sealed record WindowResult
{
    public required MarketRegime Regime { get; init; }
    public long Events { get; init; }
    public long Fills { get; init; }
    public long InformedFills { get; init; }
    public long QuoteAttempts { get; init; }
    public long MinIntervalBlocks { get; init; }
    public long ThrottleBlocks { get; init; }
    public long RiskBlocks { get; init; }
    public long SidesPlaced { get; init; }
    public long Cancels { get; init; }
    public long Hedges { get; init; }
    public double VolumeUsd { get; init; }
    public double HedgeVolumeUsd { get; init; }
    public double GrossUsd { get; init; }
    public double AdverseUsd { get; init; }
    public double InventoryUsd { get; init; }
    public double SlippageUsd { get; init; }
    public double FeesUsd { get; init; }
    public double InventoryPeakUsd { get; init; }
    public double AdverseBpsP95 { get; init; }
    public double SlippageBpsP95 { get; init; }
    public double OrderAgeP95Ms { get; init; }
    public double OrderAgeMeanMs { get; init; }
    public double LatencyP95Ms { get; init; }
    public double WsLagP95Ms { get; init; }

    public long RequotesBlocked => MinIntervalBlocks + ThrottleBlocks;

    public double NetUsd => GrossUsd - AdverseUsd + InventoryUsd - SlippageUsd - FeesUsd;
}
