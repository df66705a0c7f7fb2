using SoakPS.Engine.Studies;

namespace SoakPS.Output;

/// <summary>
/// One (seed, arm) run of Invoke-SoakStudy. Final figures are means over the run-verdict window (last min(8, n)
/// iterations); money is per window; iteration verdicts are also counted by the regime each window was simulated in.
/// </summary>
public sealed class SoakStudyRun
{
    internal SoakStudyRun(StudyRun r)
    {
        var s = r.Run;
        Seed = r.Seed;
        Arm = r.Arm;
        Profile = r.Profile;
        AutoTune = r.AutoTune;
        RunVerdict = s.RunVerdict;
        Iterations = s.Iterations;
        OkIterations = s.Verdicts.Ok;
        WarnIterations = s.Verdicts.Warn;
        FailIterations = s.Verdicts.Fail;
        (CalmOk, CalmWarn, CalmFail) = StudyRegimes.Counts(s.VerdictsByRegime, StudyRegimes.Calm);
        (VolatileOk, VolatileWarn, VolatileFail) = StudyRegimes.Counts(s.VerdictsByRegime, StudyRegimes.Volatile);
        (SpikeOk, SpikeWarn, SpikeFail) = StudyRegimes.Counts(s.VerdictsByRegime, StudyRegimes.Spike);
        MeanNetBps = Math.Round(s.MeanNetBps, 4);
        FinalNetBps = Math.Round(s.FinalNetBps, 4);
        FinalRiskRatio = Math.Round(s.FinalRiskRatio, 4);
        NetUsdPerWindow = KnownNumber.Rounded(s.NetUsdPerWindow, 2);
        VolumeUsdPerWindow = KnownNumber.Rounded(s.VolumeUsdPerWindow, 0);
        Applies = s.Applies;
        ImmediateReversals = s.ImmediateReversals;
        GuardEvents = s.GuardEvents;
        PanicReverts = s.PanicReverts;
        Seconds = Math.Round(r.Wall.TotalSeconds, 3);
    }

    public int Seed { get; }
    public string Arm { get; }
    public string Profile { get; }
    public bool AutoTune { get; }
    public string RunVerdict { get; }
    public int Iterations { get; }
    public int OkIterations { get; }
    public int WarnIterations { get; }

    /// <summary>FAIL iterations (an INVALID one counts as FAIL).</summary>
    public int FailIterations { get; }

    public int CalmOk { get; }
    public int CalmWarn { get; }
    public int CalmFail { get; }
    public int VolatileOk { get; }
    public int VolatileWarn { get; }
    public int VolatileFail { get; }
    public int SpikeOk { get; }
    public int SpikeWarn { get; }
    public int SpikeFail { get; }
    public double MeanNetBps { get; }
    public double FinalNetBps { get; }
    public double FinalRiskRatio { get; }

    /// <summary>Mean net profit per window in USD (null when no window reported net_usd).</summary>
    public double? NetUsdPerWindow { get; }

    /// <summary>Mean maker volume per window in USD (null when no window reported volume_usd).</summary>
    public double? VolumeUsdPerWindow { get; }

    public int Applies { get; }

    /// <summary>Applies that reversed a change made in the iteration just before (see about the study in the help).</summary>
    public int ImmediateReversals { get; }

    public int GuardEvents { get; }
    public int PanicReverts { get; }
    public double Seconds { get; }
}
