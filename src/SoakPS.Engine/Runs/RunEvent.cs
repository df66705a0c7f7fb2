using SoakPS.Engine.Kpi;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Runs;

/// <summary>What a run tells its host, in order, on the host's thread: the host turns these into objects and streams.</summary>
public abstract record RunEvent;

public sealed record IterationCompleted(IterationSummary Summary, RunManifest Run) : RunEvent;

public sealed record RunWarning(string Message) : RunEvent;

public sealed record RunVerbose(string Message) : RunEvent;

public sealed record RunProgress(string RunId, int Completed, int Total, Verdict? LastVerdict, TimeSpan? Remaining) : RunEvent;

public sealed record RunFinished(RunManifest Run) : RunEvent;
