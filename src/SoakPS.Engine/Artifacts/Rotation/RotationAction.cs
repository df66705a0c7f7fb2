namespace SoakPS.Engine.Artifacts.Rotation;

public enum RotationActionKind
{
    RemoveSummary,
    RemoveRunFolder,
    CompressSnapshot,
    CompressSummary,
    RemoveTempFile,

    /// <summary>Something rotation saw and deliberately left alone (active run, symbolic link, unknown name).</summary>
    Skip,
}

public enum RotationOutcome
{
    Planned,
    Taken,

    /// <summary>The host said no (-WhatIf, or "No" at -Confirm).</summary>
    Declined,
    Failed,
    Skipped,
}

/// <summary>One thing rotation plans to do (or leave alone) to one path under the root, and what became of it.</summary>
/// <remarks>
/// A plan may hold one action per summary of a 100,000-iteration run, so an action of a summary keeps only its folder
/// (shared by all of them) and iteration number; its path is made when asked for, not stored.
/// </remarks>
public sealed record RotationAction
{
    private readonly string _pathOrFolder;
    private readonly int _iteration;
    private readonly bool _compressed;

    public RotationAction(RotationActionKind kind, string path, long bytes, string reason)
        : this(kind, path, -1, false, bytes, reason)
    {
    }

    private RotationAction(RotationActionKind kind, string pathOrFolder, int iteration, bool compressed, long bytes, string reason)
    {
        Kind = kind;
        _pathOrFolder = pathOrFolder;
        _iteration = iteration;
        _compressed = compressed;
        Bytes = bytes;
        Reason = reason;
        Outcome = PlannedOutcome(kind);
        BytesAfter = bytes;
    }

    /// <summary>An action on ITER_SUMMARY_&lt;iteration&gt;.json (or .json.gz) in <paramref name="folder"/>.</summary>
    public static RotationAction ForSummary(RotationActionKind kind, string folder, int iteration, bool compressed, long bytes, string reason, string run) =>
        new(kind, folder, iteration, compressed, bytes, reason) { Run = run };

    public RotationActionKind Kind { get; }

    public string Path => _iteration < 0 ? _pathOrFolder
        : System.IO.Path.Join(_pathOrFolder, $"ITER_SUMMARY_{_iteration}.json{(_compressed ? ".gz" : string.Empty)}");

    public long Bytes { get; }

    public string Reason { get; }

    public RotationOutcome Outcome { get; private set; }

    /// <summary>Bytes this path takes after the action: 0 once removed, the archive's size once compressed.</summary>
    public long BytesAfter { get; private set; }

    /// <summary>Why it failed or was skipped at execution time.</summary>
    public string? Error { get; private set; }

    /// <summary>The run folder this concerns ("latest", a run id), or null for snapshots and the root.</summary>
    public string? Run { get; init; }

    public bool ChangesFiles => Kind != RotationActionKind.Skip;

    /// <summary>Still the outcome it was planned with: no executor has recorded anything on it.</summary>
    internal bool IsAsPlanned => Outcome == PlannedOutcome(Kind);

    private static RotationOutcome PlannedOutcome(RotationActionKind kind) =>
        kind == RotationActionKind.Skip ? RotationOutcome.Skipped : RotationOutcome.Planned;

    /// <summary>
    /// Records what became of the action; only the executor calls it, once per action and from one thread per action.
    /// The outcome lives on the plan's own action, so reporting on a 100,000-action plan does not copy it.
    /// </summary>
    internal void Record(RotationOutcome outcome, long? bytesAfter = null, string? error = null)
    {
        Outcome = outcome;
        BytesAfter = bytesAfter ?? BytesAfter;
        Error = error ?? Error;
    }

    public override string ToString() => $"{Kind} {Path}" + (Error is null ? string.Empty : $" ({Error})");
}
