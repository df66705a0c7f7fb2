using SoakPS.Engine.Studies;

namespace SoakPS.Output;

/// <summary>One (seed, arm) run of Invoke-SoakStudy. Final figures are means over the run-verdict window (last min(8, n) iterations).</summary>
public sealed class SoakStudyRun
{
    public SoakStudyRun(StudyRun r)
    {
        Seed = r.Seed;
        Arm = r.Arm;
        Profile = r.Profile;
        AutoTune = r.AutoTune;
        RunVerdict = r.RunVerdict;
        Iterations = r.Iterations;
        OkIterations = r.OkIterations;
        WarnIterations = r.WarnIterations;
        FailIterations = r.FailIterations;
        FinalNetBps = Math.Round(r.FinalNetBps, 4);
        FinalRiskRatio = Math.Round(r.FinalRiskRatio, 4);
        MeanNetBps = Math.Round(r.MeanNetBps, 4);
        Applies = r.Applies;
        GuardEvents = r.GuardEvents;
        PanicReverts = r.PanicReverts;
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
    public int FailIterations { get; }
    public double FinalNetBps { get; }
    public double FinalRiskRatio { get; }
    public double MeanNetBps { get; }
    public int Applies { get; }
    public int GuardEvents { get; }
    public int PanicReverts { get; }
    public double Seconds { get; }
}
