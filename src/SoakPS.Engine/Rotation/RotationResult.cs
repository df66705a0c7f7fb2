namespace SoakPS.Engine.Rotation;

/// <summary>What a rotation did (or, under -WhatIf, would do) to an artifact root. Removed, Compressed, Skipped, Failed and Declined count files: a run folder's old summaries are one action and count each of its files.</summary>
/// <param name="BytesAfter">Size after rotation; under -WhatIf a projection that counts planned removals but not compression savings.</param>
/// <param name="OverBudget">BytesAfter exceeds the -MaxSizeMB budget.</param>
internal sealed record RotationResult(
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
    private int[,]? _counts;

    /// <summary>How many files of a kind of action ended with an outcome (a range of summaries counts each of its files).</summary>
    public int Count(RotationActionKind kind, RotationOutcome outcome)
    {
        if (_counts is null)
        {
            var counts = new int[Enum.GetValues<RotationActionKind>().Length, Enum.GetValues<RotationOutcome>().Length];
            foreach (var action in Actions)
            {
                foreach (var each in Enum.GetValues<RotationOutcome>())
                {
                    counts[(int)action.Kind, (int)each] += action.FilesWith(each);
                }
            }
            _counts = counts;
        }
        return _counts[(int)kind, (int)outcome];
    }

    /// <summary>One line of counts per action kind and outcome, e.g. "RemoveSummary: 99900 taken; CompressSnapshot: 2000 taken".</summary>
    public string Summary()
    {
        var lines = Enum.GetValues<RotationActionKind>()
            .Select(kind => (kind, outcomes: Enum.GetValues<RotationOutcome>().Where(o => Count(kind, o) > 0).ToArray()))
            .Where(k => k.outcomes.Length > 0)
            .Select(k => $"{k.kind}: " + string.Join(", ", k.outcomes.Select(o => $"{Count(k.kind, o)} {o.ToString().ToLowerInvariant()}")));
        return Actions.Count == 0 ? "nothing to do" : string.Join("; ", lines);
    }
}
