namespace SoakPS.Engine.Kpi;

/// <summary>KPI thresholds (docs/kpi-policy.md); a profile's policy.kpi may override any of them.</summary>
internal sealed record KpiPolicy
{
    public double FailRiskRatioAbove { get; init; } = 0.50;
    public double FailNetBpsBelow { get; init; } = 2.0;
    public double FailP95LatencyMsAbove { get; init; } = 400;
    public double WarnRiskRatioAbove { get; init; } = 0.40;
    public double WarnNetBpsBelow { get; init; } = 2.7;
    public double WarnAdverseBpsP95Above { get; init; } = 3.0;
    public double WarnSlippageBpsP95Above { get; init; } = 2.2;
    public double WarnP95LatencyMsAbove { get; init; } = 350;
    public double WarnMakerTakerRatioBelow { get; init; } = 0.85;

    /// <summary>How many of the most recent iterations the run verdict looks at.</summary>
    public int RunVerdictWindow { get; init; } = 8;
}
