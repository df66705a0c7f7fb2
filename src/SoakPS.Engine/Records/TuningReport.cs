namespace SoakPS.Engine.Records;

/// <summary>One iteration's line of TUNING_REPORT.json, derived from its journal decision.</summary>
internal sealed record TuningReportEntry(
    int Iteration,
    DateTimeOffset RuntimeUtc,
    double? NetBps,
    string? KpiVerdict,
    IReadOnlyDictionary<string, decimal> ProposedDeltas,
    bool Applied,
    IReadOnlyList<string> ChangedKeys,
    string? SkipReason,
    string? StateHash,
    IReadOnlyDictionary<string, bool> Guards);

internal sealed record TuningReportSummary(int Count, int Applied, IReadOnlyDictionary<string, int> BlockedByGuard);

/// <summary>TUNING_REPORT.json (docs/artifacts.md): every iteration's decision, and the totals.</summary>
internal sealed record TuningReport(IReadOnlyList<TuningReportEntry> Iterations, TuningReportSummary Summary)
{
    public static TuningReportEntry EntryOf(JournalEntry decision) => new(
        decision.Iteration ?? 0,
        decision.At,
        decision.NetBps,
        decision.KpiVerdict,
        decision.ProposedDeltas ?? new SortedDictionary<string, decimal>(),
        decision.Applied ?? false,
        (decision.Deltas ?? new SortedDictionary<string, decimal>()).Keys.ToArray(),
        decision.SkipReason,
        decision.StateHash,
        decision.Guards ?? new SortedDictionary<string, bool>());

    /// <summary>The statuses of a decision's parameters that a guard blocked, as counted in the summary's blocked_by_guard.</summary>
    public static IEnumerable<string> BlockedStatuses(JournalEntry decision) => (decision.Outcomes ?? new())
        .Where(o => o.Status is not (Records.ParameterStatus.Applied or Records.ParameterStatus.NoEffectiveChange))
        .Select(o => Json.SnakeCase.Of(o.Status));

    /// <summary>Counts an entry in a run snapshot's summary; an iteration without a verdict counts as INVALID.</summary>
    public static void CountIn(Records.Snapshots.RunSnapshotSummaryBuilder summary, TuningReportEntry entry) =>
        summary.Add(entry.KpiVerdict ?? nameof(Records.Verdict.INVALID), entry.NetBps, entry.Applied);

    /// <summary>The report from the journal's decisions; the last decision of an iteration wins (a resumed iteration is never counted twice).</summary>
    public static TuningReport FromDecisions(IEnumerable<JournalEntry> decisions)
    {
        var builder = new TuningReportBuilder();
        foreach (var d in decisions)
        {
            builder.Add(d);
        }
        return builder.Build();
    }
}
