namespace SoakPS.Engine.Rotation;

internal enum RotationActionKind
{
    RemoveSummary,
    RemoveRunFolder,
    CompressSnapshot,
    CompressSummary,
    RemoveTempFile,

    /// <summary>Something rotation saw and deliberately left alone (active run, symbolic link, unknown name).</summary>
    Skip,
}

internal enum RotationOutcome
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
/// Most actions concern one file or folder. The old summaries of a run folder are one action for all of them
/// ("every ITER_SUMMARY_&lt;n&gt; below <see cref="BelowIteration"/>", its file count and bytes known when planned), so
/// a plan holds a few actions per folder however many summaries the folder has. Counts of what rotation did are
/// counts of files: see <see cref="FilesWith"/>.
/// </remarks>
internal sealed record RotationAction
{
    public RotationAction(RotationActionKind kind, string path, long bytes, string reason)
    {
        Kind = kind;
        Path = path;
        Bytes = bytes;
        Reason = reason;
        Outcome = PlannedOutcome(kind);
        BytesAfter = bytes;
    }

    /// <summary>Removal of every regular ITER_SUMMARY_&lt;n&gt;.json(.gz) in <paramref name="folder"/> whose n is below <paramref name="below"/>.</summary>
    public static RotationAction RemoveSummariesBelow(string folder, int below, int files, long bytes, string reason, string run) =>
        new(RotationActionKind.RemoveSummary, folder, bytes, reason) { Run = run, BelowIteration = below, Files = files };

    public RotationActionKind Kind { get; }

    /// <summary>The file or folder acted on; for a range of summaries, their folder.</summary>
    public string Path { get; }

    /// <summary>Set on a range of summaries: every one numbered below this goes.</summary>
    public int? BelowIteration { get; private init; }

    /// <summary>Files the action concerns as planned: 1, or the summaries of a range.</summary>
    public int Files { get; private init; } = 1;

    /// <summary>What the action is about, as a host shows it: the path, or for a range its folder, pattern and file count.</summary>
    public string Target => BelowIteration is { } below
        ? $"{System.IO.Path.Join(Path, "ITER_SUMMARY_<n>.json(.gz)")} for every n below {below} ({Files} files)"
        : Path;

    public long Bytes { get; }

    public string Reason { get; }

    public RotationOutcome Outcome { get; private set; }

    /// <summary>Bytes this path takes after the action: 0 once removed, the archive's size once compressed.</summary>
    public long BytesAfter { get; private set; }

    /// <summary>Why it failed or was skipped at execution time; for a range, how many of its files failed and the first errors.</summary>
    public string? Error { get; private set; }

    /// <summary>For a range, the first few files that could not be removed, each as "path: error".</summary>
    public IReadOnlyList<string> FileErrors { get; private set; } = Array.Empty<string>();

    /// <summary>Files removed or compressed. A range counts the files it found when carried out, which may differ from <see cref="Files"/>.</summary>
    public int FilesTaken { get; private set; }

    public int FilesFailed { get; private set; }

    /// <summary>The run folder this concerns ("latest", a run id), or null for snapshots and the root.</summary>
    public string? Run { get; init; }

    public bool ChangesFiles => Kind != RotationActionKind.Skip;

    /// <summary>Still the outcome it was planned with: no executor has recorded anything on it.</summary>
    internal bool IsAsPlanned => Outcome == PlannedOutcome(Kind);

    /// <summary>
    /// How many files of this action ended with <paramref name="outcome"/>: a range that partly failed counts its removed
    /// files as taken and the others as failed; files it never reached (declined, skipped) count with its outcome.
    /// </summary>
    public int FilesWith(RotationOutcome outcome) => outcome switch
    {
        RotationOutcome.Taken => FilesTaken,
        RotationOutcome.Failed => FilesFailed,
        _ => outcome == Outcome ? Math.Max(0, Files - FilesTaken - FilesFailed) : 0,
    };

    private static RotationOutcome PlannedOutcome(RotationActionKind kind) =>
        kind == RotationActionKind.Skip ? RotationOutcome.Skipped : RotationOutcome.Planned;

    /// <summary>
    /// Records what became of a one-file action; only the executor calls it, once per action and from one thread per action.
    /// The outcome lives on the plan's own action, so reporting on a plan does not copy it.
    /// </summary>
    internal void Record(RotationOutcome outcome, long? bytesAfter = null, string? error = null)
    {
        Outcome = outcome;
        BytesAfter = bytesAfter ?? BytesAfter;
        Error = error ?? Error;
        FilesTaken = outcome == RotationOutcome.Taken ? Files : 0;
        FilesFailed = outcome == RotationOutcome.Failed ? Files : 0;
    }

    /// <summary>Records what became of a range of summaries once every file it found was handled.</summary>
    internal void RecordRange(RotationOutcome outcome, int taken, int failed, long bytesAfter, string? error, IReadOnlyList<string> fileErrors)
    {
        Outcome = outcome;
        FilesTaken = taken;
        FilesFailed = failed;
        BytesAfter = bytesAfter;
        Error = error;
        FileErrors = fileErrors;
    }

    public override string ToString() => $"{Kind} {Target}" + (Error is null ? string.Empty : $" ({Error})");
}
