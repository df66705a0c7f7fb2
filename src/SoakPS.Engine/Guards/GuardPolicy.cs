namespace SoakPS.Engine.Guards;

/// <summary>Guard thresholds (docs/guards.md) with their defaults; a profile's policy.guards may override any of them.</summary>
internal sealed record GuardPolicy
{
    public int PanicFailStreak { get; init; } = 3;

    /// <summary>A profile name, or "last_good" for the overrides of the last OK iteration.</summary>
    public string PanicTarget { get; init; } = "steady_safe";

    public int PanicPauseIterations { get; init; } = 2;

    public double FreezeRiskRatioMax { get; init; } = 0.35;
    public double FreezeNetBpsMin { get; init; } = 2.7;
    public int FreezeAfterIterations { get; init; } = 2;
    public int FreezeIterations { get; init; } = 4;
    public IReadOnlyList<string> FreezeParameters { get; init; } = new[] { "impact_cap_ratio", "max_delta_ratio" };

    /// <summary>A value back within this fraction of the parameter's range (max − min) of its value two applies ago is an oscillation.</summary>
    public decimal OscillationTolerance { get; init; } = 0.10m;
    public int OscillationHoldIterations { get; init; } = 3;

    /// <summary>An A→B→A counts only when the A→B apply was within this many iterations; older history is forgotten.</summary>
    public int OscillationWindowIterations { get; init; } = 6;

    /// <summary>Under the regime tuner: more switches back to the class just left than this, in the trailing hour of the run's clock, hold the preset.</summary>
    public int OscillationMaxReversalsPerHour { get; init; } = 4;

    public int VelocityWindowMinutes { get; init; } = 60;
    public IReadOnlyDictionary<string, decimal> VelocityLimits { get; init; } = new Dictionary<string, decimal>
    {
        ["min_interval_ms"] = 30m,
        ["impact_cap_ratio"] = 0.04m,
        ["max_delta_ratio"] = 0.04m,
        ["base_spread_bps_delta"] = 0.08m,
        ["tail_age_ms"] = 150m,
        ["replace_rate_per_min"] = 90m,
    };

    /// <summary>Under the regime tuner: at most this many preset switches in the trailing velocity window (switches are bounded in number, not size).</summary>
    public int VelocityMaxSwitches { get; init; } = 4;

    /// <summary>An apply whose size Σ|Δp|/(max_p − min_p) exceeds this starts a cooldown.</summary>
    public decimal CooldownSizeThreshold { get; init; } = 0.25m;
    public int CooldownIterations { get; init; } = 2;

    /// <summary>Under the regime tuner: after a preset switch, no other switch (nor any apply) for this many iterations.</summary>
    public int CooldownSwitchIterations { get; init; } = 1;
}
