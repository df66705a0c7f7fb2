
using SoakPS.Engine.Rotation;

namespace SoakPS.Output;

/// <summary>What Invoke-SoakRotation did (or, with -WhatIf, would do) to an artifact root; the counts are of files, not actions.</summary>
public sealed class SoakRotationResult
{
    /// <summary>The type name a -WhatIf result also carries: its table shows the projection (WouldRemove, WouldCompress, projected bytes).</summary>
    internal const string ProjectionTypeName = "SoakPS.Output.SoakRotationResult#WhatIf";

    private static readonly RotationActionKind[] Removals = { RotationActionKind.RemoveSummary, RotationActionKind.RemoveRunFolder, RotationActionKind.RemoveTempFile };
    private static readonly RotationActionKind[] Compressions = { RotationActionKind.CompressSnapshot, RotationActionKind.CompressSummary };

    internal SoakRotationResult(RotationResult r)
    {
        // Under -WhatIf every planned action is declined: the projection is what those would have removed and compressed.
        WouldRemove = r.WhatIf ? Removals.Sum(k => r.Count(k, RotationOutcome.Declined)) : null;
        WouldCompress = r.WhatIf ? Compressions.Sum(k => r.Count(k, RotationOutcome.Declined)) : null;
        Root = r.Root;
        StartedUtc = r.StartedUtc.UtcDateTime;
        WhatIf = r.WhatIf;
        Removed = r.Removed;
        Compressed = r.Compressed;
        Skipped = r.Skipped;
        Failed = r.Failed;
        Declined = r.Declined;
        BytesBefore = r.BytesBefore;
        BytesAfter = r.BytesAfter;
        MaxSizeMB = r.MaxSizeMB;
        OverBudget = r.OverBudget;
        Actions = r.Summary();
    }

    public string Root { get; }
    public DateTime StartedUtc { get; }
    public bool WhatIf { get; }
    /// <summary>Files removed; 0 under -WhatIf, which removes nothing (see WouldRemove).</summary>
    public int Removed { get; }

    /// <summary>Files compressed; 0 under -WhatIf (see WouldCompress).</summary>
    public int Compressed { get; }

    /// <summary>Under -WhatIf: files the rotation would remove (its BytesAfter projection counts them). Null otherwise.</summary>
    public int? WouldRemove { get; }

    /// <summary>Under -WhatIf: files the rotation would compress. Null otherwise.</summary>
    public int? WouldCompress { get; }
    public int Skipped { get; }
    public int Failed { get; }

    /// <summary>Files of planned actions not taken: -WhatIf, or "No" at a confirmation.</summary>
    public int Declined { get; }

    public long BytesBefore { get; }

    /// <summary>With -WhatIf a projection that counts planned removals but not compression savings.</summary>
    public long BytesAfter { get; }

    public long MaxSizeMB { get; }
    public bool OverBudget { get; }

    /// <summary>File counts per action kind and outcome, e.g. "RemoveSummary: 50 taken; CompressSnapshot: 3 taken".</summary>
    public string Actions { get; }
}

/// <summary>
/// One planned or taken rotation action (Invoke-SoakRotation -Detailed). The old summaries of a run folder are one action:
/// Path is the folder, BelowIteration says which go, and Files, Taken and Failed count its files.
/// </summary>
public sealed class SoakRotationAction
{
    internal SoakRotationAction(RotationAction a)
    {
        Kind = a.Kind.ToString();
        Outcome = a.Outcome.ToString();
        Path = a.Path;
        Target = a.Target;
        BelowIteration = a.BelowIteration;
        Files = a.Files;
        Taken = a.FilesTaken;
        Failed = a.FilesFailed;
        Run = a.Run;
        Bytes = a.Bytes;
        BytesAfter = a.BytesAfter;
        Reason = a.Reason;
        Error = a.Error;
    }

    public string Kind { get; }
    public string Outcome { get; }
    public string Path { get; }

    /// <summary>The path, or for a range of summaries its folder, pattern and file count.</summary>
    public string Target { get; }

    /// <summary>For a run folder's old summaries: every ITER_SUMMARY_&lt;n&gt; with n below this. Null for a one-file action.</summary>
    public int? BelowIteration { get; }

    /// <summary>Files the action concerns as planned (1 unless it is a range of summaries).</summary>
    public int Files { get; }

    /// <summary>Files removed or compressed.</summary>
    public int Taken { get; }

    /// <summary>Files that could not be removed or compressed.</summary>
    public int Failed { get; }

    public string? Run { get; }
    public long Bytes { get; }
    public long BytesAfter { get; }
    public string Reason { get; }
    public string? Error { get; }
}
