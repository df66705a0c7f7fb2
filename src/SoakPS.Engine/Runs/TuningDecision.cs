using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Runs;

/// <summary>
/// What the run decided for one iteration, complete and typed: the proposal, each parameter's outcome, what was
/// applied or why not, the overrides in force after it and the guard state. Mapped once to the journal record and
/// once to the summary's tuning section; a resumed iteration reads it back from its journal record.
/// </summary>
internal sealed record TuningDecision
{
    public required string RunId { get; init; }
    public required int Iteration { get; init; }
    public required DateTimeOffset At { get; init; }
    public DateTimeOffset? MarketTime { get; init; }
    public string? KpiVerdict { get; init; }
    public double? NetBps { get; init; }
    public IReadOnlyDictionary<string, decimal> ProposedDeltas { get; init; } = Empty;
    public IReadOnlyList<ParameterOutcome> Outcomes { get; init; } = Array.Empty<ParameterOutcome>();
    public bool Applied { get; init; }
    public IReadOnlyDictionary<string, decimal> Deltas { get; init; } = Empty;
    public string Rationale { get; init; } = string.Empty;

    /// <summary>A snake_case code, or null when something was applied.</summary>
    public string? SkipReason { get; init; }

    public required ParameterSet Previous { get; init; }
    public required ParameterSet Overrides { get; init; }
    public IReadOnlyDictionary<string, bool> Guards { get; init; } = new SortedDictionary<string, bool>(StringComparer.Ordinal);
    public IReadOnlyList<GuardEvent> Events { get; init; } = Array.Empty<GuardEvent>();
    public TuningState? State { get; init; }

    private static readonly IReadOnlyDictionary<string, decimal> Empty = new SortedDictionary<string, decimal>(StringComparer.Ordinal);

    public JournalEntry ToJournalEntry() => new()
    {
        Type = JournalEntry.Decision,
        RunId = RunId,
        At = At,
        Iteration = Iteration,
        MarketTime = MarketTime,
        KpiVerdict = KpiVerdict,
        NetBps = NetBps,
        ProposedDeltas = Sorted(ProposedDeltas),
        Outcomes = Outcomes.ToList(),
        Applied = Applied,
        Deltas = Sorted(Deltas),
        Rationale = Rationale,
        SkipReason = SkipReason,
        Previous = Sorted(Previous.Values),
        Overrides = Sorted(Overrides.Values),
        StateHash = Overrides.StateHash(),
        Guards = new SortedDictionary<string, bool>(Guards.ToDictionary(), StringComparer.Ordinal),
        Events = Events.ToList(),
        State = State?.Clone(),
    };

    public IterationTuning ToTuning() => new()
    {
        ProposedDeltas = Sorted(ProposedDeltas),
        Deltas = Sorted(Deltas),
        Applied = Applied,
        Rationale = Rationale,
        Outcomes = new SortedDictionary<string, ParameterOutcome>(Outcomes.ToDictionary(o => o.Parameter), StringComparer.Ordinal),
        SkipReason = SkipReason,
        StateHash = Overrides.StateHash(),
        Overrides = Sorted(Overrides.Values),
        Guards = new SortedDictionary<string, bool>(Guards.ToDictionary(), StringComparer.Ordinal),
        Events = Events.ToList(),
    };

    /// <summary>A decision journalled before an interruption, read back to finish its iteration.</summary>
    public static TuningDecision FromJournal(JournalEntry entry) => new()
    {
        RunId = entry.RunId,
        Iteration = entry.Iteration ?? 0,
        At = entry.At,
        MarketTime = entry.MarketTime,
        KpiVerdict = entry.KpiVerdict,
        NetBps = entry.NetBps,
        ProposedDeltas = entry.ProposedDeltas ?? new(StringComparer.Ordinal),
        Outcomes = entry.Outcomes ?? new(),
        Applied = entry.Applied ?? false,
        Deltas = entry.Deltas ?? new(StringComparer.Ordinal),
        Rationale = entry.Rationale ?? string.Empty,
        SkipReason = entry.SkipReason,
        Previous = new ParameterSet(entry.Previous ?? entry.Overrides!),
        Overrides = new ParameterSet(entry.Overrides!),
        Guards = entry.Guards ?? new(StringComparer.Ordinal),
        Events = entry.Events ?? new(),
        State = entry.State,
    };

    private static SortedDictionary<string, decimal> Sorted(IEnumerable<KeyValuePair<string, decimal>> values) =>
        new(values.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);
}
