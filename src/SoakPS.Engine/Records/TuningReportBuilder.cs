namespace SoakPS.Engine.Records;

/// <summary>
/// TUNING_REPORT built decision by decision as the journal is read: only the report's line and the blocked statuses
/// of each iteration are kept, never the decision's guard state.
/// </summary>
internal sealed class TuningReportBuilder
{
    private readonly SortedDictionary<int, (TuningReportEntry Entry, string[] Blocked)> _byIteration = new();

    /// <summary>Takes a journal record; only decisions count, and the last decision of an iteration wins (a resumed iteration is never counted twice).</summary>
    public void Add(JournalEntry record)
    {
        if (record.Type != JournalEntry.Decision || record.Iteration is not { } n)
        {
            return;
        }
        var blocked = TuningReport.BlockedStatuses(record).ToArray();
        _byIteration[n] = (TuningReport.EntryOf(record), blocked);
    }

    public TuningReport Build()
    {
        var blocked = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in _byIteration.Values.SelectMany(v => v.Blocked))
        {
            blocked[key] = (blocked.TryGetValue(key, out var c) ? c : 0) + 1;
        }
        var entries = _byIteration.Values.Select(v => v.Entry).ToArray();
        return new TuningReport(entries, new TuningReportSummary(entries.Length, entries.Count(e => e.Applied), blocked));
    }
}
