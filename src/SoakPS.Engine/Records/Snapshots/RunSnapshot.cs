using SoakPS.Engine.Parameters;

namespace SoakPS.Engine.Records.Snapshots;

/// <summary>
/// What is left of a run once it ends (snapshots/ in docs/artifacts.md): its identity, outcome, final parameters and a summary,
/// small enough to keep for a long time after the run folder itself has been rotated away.
/// </summary>
internal sealed record RunSnapshot(
    string RunId,
    DateTimeOffset StartedUtc,
    DateTimeOffset EndedUtc,
    string Status,
    string? Verdict,
    string? Profile,
    string Source,
    int? Seed,
    int IterationsPlanned,
    int IterationsCompleted,
    ParameterSet FinalParameters,
    RunSnapshotSummary Summary);

/// <summary>How the run went: iterations per KPI verdict, mean net edge and how many tuning applies happened.</summary>
internal sealed record RunSnapshotSummary(IReadOnlyDictionary<string, int> CountByVerdict, double? MeanNetBps, int Applies);
