using SoakPS.Engine.Studies;

namespace SoakPS.Output;

/// <summary>One arm of Invoke-SoakStudy over all its seeds.</summary>
public sealed class SoakStudySummary
{
    public SoakStudySummary(StudySummary s)
    {
        Arm = s.Arm;
        Profile = s.Profile;
        AutoTune = s.AutoTune;
        Runs = s.Runs;
        OkShare = Math.Round(s.OkShare, 4);
        WarnShare = Math.Round(s.WarnShare, 4);
        FailShare = Math.Round(s.FailShare, 4);
        MedianFinalNetBps = Math.Round(s.MedianFinalNetBps, 4);
        MedianFinalRiskRatio = Math.Round(s.MedianFinalRiskRatio, 4);
        MedianMeanNetBps = Math.Round(s.MedianMeanNetBps, 4);
        GuardEvents = s.GuardEvents;
        Applies = s.Applies;
        PanicReverts = s.PanicReverts;
    }

    public string Arm { get; }
    public string Profile { get; }
    public bool AutoTune { get; }
    public int Runs { get; }
    public double OkShare { get; }
    public double WarnShare { get; }
    public double FailShare { get; }
    public double MedianFinalNetBps { get; }
    public double MedianFinalRiskRatio { get; }
    public double MedianMeanNetBps { get; }
    public int GuardEvents { get; }
    public int Applies { get; }
    public int PanicReverts { get; }
}
