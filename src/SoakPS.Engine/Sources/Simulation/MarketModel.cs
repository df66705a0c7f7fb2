namespace SoakPS.Engine.Sources.Simulation;

/// <summary>
/// Every constant of the simulated market and of the simulated bot's fixed behaviour, as data with documented
/// defaults (docs/simulator.md explains each). Only the six tuned parameters come from the overrides.
/// </summary>
internal sealed record MarketModel
{
    public static MarketModel Default { get; } = new();

    public RegimeModel Calm { get; init; } = new(
        VolatilityBpsPerSqrtSecond: 0.8, JumpsPerMinute: 0.2, JumpSizeBps: 4, UninformedOrdersPerSecond: 3, UninformedOrderUsd: 12_000,
        InformedOrdersPerSecond: 0.3, InformedOrderUsd: 3_000, InformationSizeBps: 2.5, MarketDataPerSecond: 10, DepthUsd: 80_000,
        MarketHalfSpreadBps: 0.5, LatencyP95Ms: 180, WsLagP95Ms: 90);

    public RegimeModel Volatile { get; init; } = new(
        VolatilityBpsPerSqrtSecond: 1.6, JumpsPerMinute: 1, JumpSizeBps: 6, UninformedOrdersPerSecond: 4, UninformedOrderUsd: 10_000,
        InformedOrdersPerSecond: 1.2, InformedOrderUsd: 3_000, InformationSizeBps: 3.5, MarketDataPerSecond: 20, DepthUsd: 65_000,
        MarketHalfSpreadBps: 1.0, LatencyP95Ms: 240, WsLagP95Ms: 130);

    public RegimeModel Spike { get; init; } = new(
        VolatilityBpsPerSqrtSecond: 3.5, JumpsPerMinute: 4, JumpSizeBps: 10, UninformedOrdersPerSecond: 6, UninformedOrderUsd: 8_000,
        InformedOrdersPerSecond: 1.5, InformedOrderUsd: 4_000, InformationSizeBps: 6, MarketDataPerSecond: 40, DepthUsd: 50_000,
        MarketHalfSpreadBps: 4, LatencyP95Ms: 330, WsLagP95Ms: 190);

    /// <summary>Regime transition probabilities per iteration: row = from (calm, volatile, spike), column = to. Policy, not physics.</summary>
    public double[][] Transitions { get; init; } =
    {
        new[] { 0.85, 0.12, 0.03 },
        new[] { 0.25, 0.65, 0.10 },
        new[] { 0.10, 0.40, 0.50 },
    };

    /// <summary>k of λ(δ) = A·e^(−kδ), per bps: how fast the chance of being hit falls with distance from the mid.</summary>
    public double FillDecayPerBps { get; init; } = 0.3;

    /// <summary>The bot's half-spread before base_spread_bps_delta widens it.</summary>
    public double BaseHalfSpreadBps { get; init; } = 4.0;

    /// <summary>How far the mid must move from the quote's mid before the bot wants to requote.</summary>
    public double RequoteMoveBps { get; init; } = 1.5;

    /// <summary>The notional the inventory limit is a share of (max_delta_ratio × this, in calm volatility).</summary>
    public double InventoryCapacityUsd { get; init; } = 250_000;

    /// <summary>The volatility the bot's inventory limit is sized for; above it the limit shrinks (VaR-style).</summary>
    public double ReferenceVolatilityBpsPerSqrtSecond { get; init; } = 1.6;

    /// <summary>Time constant of the bot's exponentially weighted volatility estimate.</summary>
    public double VolatilityHalfLifeSeconds { get; init; } = 20;

    /// <summary>Inventory beyond this share of the limit is hedged back to <see cref="HedgeTargetShare"/> with a taker order.</summary>
    public double HedgeTriggerShare { get; init; } = 0.9;

    public double HedgeTargetShare { get; init; } = 0.5;

    /// <summary>Linear price impact of a hedge: bps per 100 % of the visible depth it takes.</summary>
    public double HedgeImpactBpsPerDepth { get; init; } = 8;

    public double MakerFeeBps { get; init; } = 0.2;

    public double TakerFeeBps { get; init; } = 2.5;

    /// <summary>Replace-rate bucket size, in seconds of the allowed rate (a burst allowance, as venues grant).</summary>
    public double ReplaceBurstSeconds { get; init; } = 6;

    public RegimeModel For(MarketRegime regime) => regime switch
    {
        MarketRegime.Calm => Calm,
        MarketRegime.Volatile => Volatile,
        _ => Spike,
    };

    /// <summary>This model with one regime's constants replaced.</summary>
    public MarketModel With(MarketRegime regime, RegimeModel constants) => regime switch
    {
        MarketRegime.Calm => this with { Calm = constants },
        MarketRegime.Volatile => this with { Volatile = constants },
        _ => this with { Spike = constants },
    };
}
