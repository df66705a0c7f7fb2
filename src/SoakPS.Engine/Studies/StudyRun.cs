namespace SoakPS.Engine.Studies;

/// <summary>The outcome of one (seed, arm) run of a study. "Final" figures are means over the run-verdict window (last min(8, n) iterations).</summary>
public sealed record StudyRun(
    int Seed,
    string Arm,
    string Profile,
    bool AutoTune,
    string RunVerdict,
    int Iterations,
    int OkIterations,
    int WarnIterations,
    int FailIterations,
    double FinalNetBps,
    double FinalRiskRatio,
    double MeanNetBps,
    int Applies,
    int GuardEvents,
    int PanicReverts,
    TimeSpan Wall);
