using SoakPS.Engine.Studies;

namespace SoakPS.Output;

/// <summary>One arm of Invoke-SoakStudy over all its seeds: run verdicts, edge and money per window, applies and immediate reversals.</summary>
public sealed class SoakStudySummary
{
    internal SoakStudySummary(StudySummary s)
    {
        Arm = s.Arm;
        Profile = s.Profile;
        AutoTune = s.AutoTune;
        Runs = s.Runs;
        OkRuns = s.RunVerdicts.Ok;
        WarnRuns = s.RunVerdicts.Warn;
        FailRuns = s.RunVerdicts.Fail;
        OkShare = Math.Round(s.OkShare, 4);
        WarnShare = Math.Round(s.WarnShare, 4);
        FailShare = Math.Round(s.FailShare, 4);
        MeanNetBps = Math.Round(s.MeanNetBps, 4);
        NetUsdPerWindow = KnownNumber.Rounded(s.NetUsdPerWindow, 2);
        VolumeUsdPerWindow = KnownNumber.Rounded(s.VolumeUsdPerWindow, 0);
        Applies = s.Applies;
        ImmediateReversals = s.ImmediateReversals;
        ImmediateReversalShare = s.Applies > 0 ? Math.Round((double)s.ImmediateReversals / s.Applies, 4) : null;
        GuardEvents = s.GuardEvents;
        PanicReverts = s.PanicReverts;
        MedianFinalNetBps = Math.Round(s.MedianFinalNetBps, 4);
        MedianFinalRiskRatio = Math.Round(s.MedianFinalRiskRatio, 4);
        MedianMeanNetBps = Math.Round(s.MedianMeanNetBps, 4);
    }

    public string Arm { get; }
    public string Profile { get; }
    public bool AutoTune { get; }
    public int Runs { get; }
    public int OkRuns { get; }
    public int WarnRuns { get; }

    /// <summary>Runs whose verdict is FAIL (or INVALID, or none).</summary>
    public int FailRuns { get; }

    public double OkShare { get; }
    public double WarnShare { get; }
    public double FailShare { get; }

    /// <summary>The mean over runs of each run's mean net_bps.</summary>
    public double MeanNetBps { get; }

    /// <summary>The mean over runs of each run's net USD per window (null when no run reported money).</summary>
    public double? NetUsdPerWindow { get; }

    /// <summary>The mean over runs of each run's maker volume in USD per window (null when no run reported it).</summary>
    public double? VolumeUsdPerWindow { get; }

    public int Applies { get; }
    public int ImmediateReversals { get; }

    /// <summary>Immediate reversals per apply (null when nothing was applied).</summary>
    public double? ImmediateReversalShare { get; }

    public int GuardEvents { get; }
    public int PanicReverts { get; }
    public double MedianFinalNetBps { get; }
    public double MedianFinalRiskRatio { get; }
    public double MedianMeanNetBps { get; }
}
