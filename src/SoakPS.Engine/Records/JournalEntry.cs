using System.Text.Json.Serialization;

namespace SoakPS.Engine.Records;

/// <summary>
/// One line of journal.jsonl, the source of truth for undo, resume and TUNING_REPORT. Kinds: run_started,
/// decision (one per iteration, with the guard state after it), state_restored, external_change, undo, run_ended.
/// </summary>
internal sealed class JournalEntry
{
    public string Type { get; set; } = string.Empty;
    public string RunId { get; set; } = string.Empty;
    public DateTimeOffset At { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Iteration { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? MarketTime { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? KpiVerdict { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? NetBps { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SortedDictionary<string, decimal>? ProposedDeltas { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<ParameterOutcome>? Outcomes { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? Applied { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SortedDictionary<string, decimal>? Deltas { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Rationale { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? SkipReason { get; set; }

    /// <summary>The overrides before this entry's change (undo and decisions).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SortedDictionary<string, decimal>? Previous { get; set; }

    /// <summary>The overrides in force after this entry: what runtime_overrides.json must hold.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SortedDictionary<string, decimal>? Overrides { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? StateHash { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SortedDictionary<string, bool>? Guards { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<GuardEvent>? Events { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public TuningState? State { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Detail { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Pid { get; set; }

    /// <summary>For an undo: how many applies it took back (-Steps), or the iteration it went back to.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Steps { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? ToIteration { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ToProfile { get; set; }

    public const string RunStarted = "run_started";
    public const string Decision = "decision";
    public const string StateRestored = "state_restored";
    public const string ExternalChange = "external_change";
    public const string Undo = "undo";
    public const string RunEnded = "run_ended";
}
