namespace SoakPS.Engine.Sources.Simulation;

/// <summary>The state of the simulated market for one iteration window, drawn from a seeded Markov chain.</summary>
internal enum MarketRegime
{
    Calm,
    Volatile,
    Spike,
}

/// <summary>The market's behaviour in one regime: the Merton mid, the order flow and the book (units in docs/simulator.md).</summary>
/// <param name="VolatilityBpsPerSqrtSecond">σ of the arithmetic Brownian mid, in bps per √second.</param>
/// <param name="JumpsPerMinute">Intensity of the compound-Poisson jumps of the mid.</param>
/// <param name="JumpSizeBps">Standard deviation of a jump (normal, mean zero).</param>
/// <param name="UninformedOrdersPerSecond">Market orders per side per second that would reach the mid (A of λ(δ) = A·e^(−kδ)).</param>
/// <param name="UninformedOrderUsd">Mean notional of an uninformed market order (exponential).</param>
/// <param name="InformedOrdersPerSecond">Informed traders per second (both sides together).</param>
/// <param name="InformedOrderUsd">Mean notional of an informed order (exponential): informed traders split their orders small.</param>
/// <param name="InformationSizeBps">Standard deviation of the move an informed trader knows of (revealed after it trades).</param>
/// <param name="MarketDataPerSecond">Book updates per second: the moments the bot sees the market and may requote.</param>
/// <param name="DepthUsd">Visible depth per side at the touch.</param>
/// <param name="MarketHalfSpreadBps">Half of the market's own spread, paid by a hedge that crosses it.</param>
/// <param name="LatencyP95Ms">The venue's order round-trip p95 (not simulated: reported so the KPI gate has it).</param>
/// <param name="WsLagP95Ms">The market-data feed's lag p95 (not simulated, as above).</param>
internal sealed record RegimeModel(
    double VolatilityBpsPerSqrtSecond,
    double JumpsPerMinute,
    double JumpSizeBps,
    double UninformedOrdersPerSecond,
    double UninformedOrderUsd,
    double InformedOrdersPerSecond,
    double InformedOrderUsd,
    double InformationSizeBps,
    double MarketDataPerSecond,
    double DepthUsd,
    double MarketHalfSpreadBps,
    double LatencyP95Ms,
    double WsLagP95Ms);
