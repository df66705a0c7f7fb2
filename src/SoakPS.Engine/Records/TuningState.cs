namespace SoakPS.Engine.Records;

/// <summary>
/// Guard state carried between iterations (TUNING_STATE.json). Bounded in size so carrying it costs the same at
/// iteration 10,000 as at iteration 10; the journal holds a copy with every decision, so it can be rebuilt.
/// </summary>
internal sealed class TuningState
{
    public string RunId { get; set; } = string.Empty;

    /// <summary>The last iteration this state has seen.</summary>
    public int Iteration { get; set; }

    /// <summary>The run's clock at that iteration (market time for mock and simulated runs).</summary>
    public DateTimeOffset MarketTime { get; set; }

    /// <summary>The last iteration whose decision was applied (idempotency, G7).</summary>
    public int LastAppliedIteration { get; set; }

    public int PanicStreak { get; set; }
    public int PausedUntil { get; set; }
    public int FreezeStreak { get; set; }
    public int FrozenUntil { get; set; }
    public int CooldownUntil { get; set; }

    /// <summary>Parameters held after a blocked oscillation, to the last iteration of the hold.</summary>
    public SortedDictionary<string, int> Holds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per parameter, its value before and after the most recent apply that moved it (A, B of A→B→A).</summary>
    public SortedDictionary<string, List<decimal>> History { get; set; } = new(StringComparer.Ordinal);

    public List<VelocityEntry> Velocity { get; set; } = new();

    /// <summary>Per tuning rule, how many valid iterations in a row its conditions have held.</summary>
    public SortedDictionary<string, int> RuleStreaks { get; set; } = new(StringComparer.Ordinal);

    public LastGood? LastGood { get; set; }

    /// <summary>Per parameter, the iteration of the apply recorded in <see cref="History"/> (G4 forgets older ones).</summary>
    public SortedDictionary<string, int> HistoryIteration { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The regime tuner's class whose preset is in force; null before its first switch, after a panic revert or an outside change.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? TunerClass { get; set; }

    /// <summary>Recent preset switches (the trailing hour of the run's clock, and always the last one): what G4 and G5 count under the regime tuner.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<PresetSwitchRecord>? Switches { get; set; }

    /// <summary>Running totals: applies, panic reverts, freezes entered, blocks per guard.</summary>
    public SortedDictionary<string, int> Counters { get; set; } = new(StringComparer.Ordinal);

    public void Count(string counter, int by = 1) => Counters[counter] = (Counters.TryGetValue(counter, out var c) ? c : 0) + by;

    /// <summary>A deep copy: the collections are new, their immutable items (velocity entries, last good) are shared.</summary>
    public TuningState Clone() => new()
    {
        RunId = RunId,
        Iteration = Iteration,
        MarketTime = MarketTime,
        LastAppliedIteration = LastAppliedIteration,
        PanicStreak = PanicStreak,
        PausedUntil = PausedUntil,
        FreezeStreak = FreezeStreak,
        FrozenUntil = FrozenUntil,
        CooldownUntil = CooldownUntil,
        Holds = new SortedDictionary<string, int>(Holds, Holds.Comparer),
        History = new SortedDictionary<string, List<decimal>>(History.ToDictionary(h => h.Key, h => new List<decimal>(h.Value)), History.Comparer),
        Velocity = new List<VelocityEntry>(Velocity),
        RuleStreaks = new SortedDictionary<string, int>(RuleStreaks, RuleStreaks.Comparer),
        LastGood = LastGood,
        HistoryIteration = new SortedDictionary<string, int>(HistoryIteration, HistoryIteration.Comparer),
        TunerClass = TunerClass,
        Switches = Switches is null ? null : new List<PresetSwitchRecord>(Switches),
        Counters = new SortedDictionary<string, int>(Counters, Counters.Comparer),
    };
}
