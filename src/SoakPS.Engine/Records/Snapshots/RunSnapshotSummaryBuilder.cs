namespace SoakPS.Engine.Records.Snapshots;

/// <summary>Accumulates a run's snapshot summary one iteration at a time, so the run loop never re-reads its history.</summary>
internal sealed class RunSnapshotSummaryBuilder
{
    private readonly SortedDictionary<string, int> _byVerdict = new(StringComparer.Ordinal);
    private double _netSum;
    private int _netCount;
    private int _applies;

    /// <param name="verdict">The iteration's KPI verdict (OK, WARN, FAIL, INVALID).</param>
    /// <param name="netBps">Its net edge, or null when the report had none (INVALID, failed).</param>
    /// <param name="applied">Whether a tuning change was applied in it.</param>
    public void Add(string verdict, double? netBps, bool applied)
    {
        _byVerdict[verdict] = _byVerdict.GetValueOrDefault(verdict) + 1;
        if (netBps is { } net && double.IsFinite(net))
        {
            _netSum += net;
            _netCount++;
        }
        if (applied) _applies++;
    }

    public RunSnapshotSummary Build() =>
        new(new SortedDictionary<string, int>(_byVerdict, StringComparer.Ordinal), _netCount == 0 ? null : _netSum / _netCount, _applies);
}
