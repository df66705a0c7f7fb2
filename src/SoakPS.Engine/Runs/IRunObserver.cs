using SoakPS.Engine.Records;

namespace SoakPS.Engine.Runs;

/// <summary>
/// Something that watches a run (a metrics exporter, a dashboard, a report writer) without the run loop knowing
/// what it is. Called on the run's thread, after the iteration's files are durable; an observer must be quick and
/// must not throw for its own failures (a failing observer is reported as a warning and the run goes on).
/// </summary>
internal interface IRunObserver
{
    void RunStarted(RunStartedInfo run);

    void IterationCompleted(IterationCompletedInfo iteration);

    void RunEnded(RunEndedInfo run);
}

/// <summary>A run began or resumed.</summary>
internal sealed record RunStartedInfo(RunManifest Manifest, SoakRunOptions Options, bool Resumed);

/// <summary>
/// An iteration is complete: its summary (metrics, KPI, decision), the guard state after it, what it cost, and the run
/// verdict so far as the run judges it (over its verdict window, iterations before a resume included).
/// </summary>
internal sealed record IterationCompletedInfo(IterationSummary Summary, TuningState State, RunManifest Manifest, TimeSpan Duration, Verdict RunVerdict);

/// <summary>A run ended (completed, stopped or failed); its manifest carries status, verdict and error.</summary>
internal sealed record RunEndedInfo(RunManifest Manifest, string LatestFolder);
