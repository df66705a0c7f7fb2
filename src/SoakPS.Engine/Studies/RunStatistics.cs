namespace SoakPS.Engine.Studies;

/// <summary>
/// What a study needs to know of one run, whatever its arm: iteration verdicts (all, and by the regime each window
/// was simulated in), edge and money per window, the final figures over the run-verdict window, applies and their
/// immediate reversals. Money is per window that reported it (the simulator's always do).
/// </summary>
internal sealed record RunStatistics
{
    public required string RunVerdict { get; init; }
    public int Iterations { get; init; }
    public VerdictCounts Verdicts { get; init; }

    /// <summary>Verdict counts by the regime label of the window (simulated reports carry one); windows without a label are not here.</summary>
    public required IReadOnlyDictionary<string, VerdictCounts> VerdictsByRegime { get; init; }

    public double MeanNetBps { get; init; }

    /// <summary>Means over the run-verdict window (the last min(8, n) iterations).</summary>
    public double FinalNetBps { get; init; }

    public double FinalRiskRatio { get; init; }

    /// <summary>Mean net USD per window over the windows that reported net_usd; NaN when none did.</summary>
    public double NetUsdPerWindow { get; init; }

    /// <summary>Mean maker volume in USD per window over the windows that reported volume_usd; NaN when none did.</summary>
    public double VolumeUsdPerWindow { get; init; }

    public int Applies { get; init; }

    /// <summary>Applies that reverse a change of the iteration before (<see cref="ImmediateReversals"/>).</summary>
    public int ImmediateReversals { get; init; }

    public int GuardEvents { get; init; }
    public int PanicReverts { get; init; }
}
