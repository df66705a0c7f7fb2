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
public sealed record RotationAction(RotationActionKind Kind, string Path, long Bytes, string Reason)
{
    public RotationOutcome Outcome { get; init; } = RotationAction.InitialOutcome(Kind);

    /// <summary>Bytes this path takes after the action: 0 once removed, the archive's size once compressed.</summary>
    public long BytesAfter { get; init; } = Bytes;

    /// <summary>Why it failed or was skipped at execution time.</summary>
    public string? Error { get; init; }

    /// <summary>The run folder this concerns ("latest", a run id), or null for snapshots and the root.</summary>
    public string? Run { get; init; }

    public bool ChangesFiles => Kind != RotationActionKind.Skip;

    private static RotationOutcome InitialOutcome(RotationActionKind kind) => kind == RotationActionKind.Skip ? RotationOutcome.Skipped : RotationOutcome.Planned;

    public override string ToString() => $"{Kind} {Path}" + (Error is null ? string.Empty : $" ({Error})");
}
