using SoakPS.Engine.Records;

namespace SoakPS.Engine.Runs;

/// <summary>What a run tells its host, in order, on the host's thread: the host turns these into objects and streams.</summary>
internal abstract record RunEvent;

internal sealed record IterationCompleted(IterationSummary Summary, RunManifest Run) : RunEvent;

internal sealed record RunWarning(string Message) : RunEvent;

internal sealed record RunVerbose(string Message) : RunEvent;

internal sealed record RunProgress(string RunId, int Completed, int Total, Verdict? LastVerdict, TimeSpan? Remaining) : RunEvent;

internal sealed record RunFinished(RunManifest Run) : RunEvent;
