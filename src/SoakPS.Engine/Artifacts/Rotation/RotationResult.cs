namespace SoakPS.Engine.Artifacts.Rotation;

/// <summary>What a rotation did (or, under -WhatIf, would do) to an artifact root.</summary>
/// <param name="BytesAfter">Size after rotation; under -WhatIf a projection that counts planned removals but not compression savings.</param>
/// <param name="OverBudget">BytesAfter exceeds the -MaxSizeMB budget.</param>
public sealed record RotationResult(
    string Root,
    DateTimeOffset StartedUtc,
    bool WhatIf,
    int Removed,
    int Compressed,
    int Skipped,
    int Failed,
    int Declined,
    long BytesBefore,
    long BytesAfter,
    bool OverBudget,
    long MaxSizeMB,
    IReadOnlyList<RotationAction> Actions)
{
    /// <summary>One line of counts per action kind and outcome, e.g. "RemoveSummary: 99900 taken; CompressSnapshot: 2000 taken".</summary>
    public string Summary() =>
        Actions.Count == 0
            ? "nothing to do"
            : string.Join("; ", Actions
                .GroupBy(a => a.Kind)
                .OrderBy(g => g.Key)
                .Select(g => $"{g.Key}: " + string.Join(", ", g.GroupBy(a => a.Outcome).OrderBy(o => o.Key).Select(o => $"{o.Count()} {o.Key.ToString().ToLowerInvariant()}"))));
}
