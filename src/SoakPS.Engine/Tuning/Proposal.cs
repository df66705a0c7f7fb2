namespace SoakPS.Engine.Tuning;

/// <summary>What the tuner proposes for one iteration: rounded deltas per parameter, and why.</summary>
internal sealed record Proposal(
    IReadOnlyDictionary<string, decimal> Deltas,
    IReadOnlyList<string> FiredRules,
    string Rationale,
    IReadOnlyList<string> Conflicts)
{
    public static Proposal Stable { get; } = new(new Dictionary<string, decimal>(), Array.Empty<string>(), "stable", Array.Empty<string>());

    public bool IsEmpty => Deltas.Count == 0;

    /// <summary>The class whose preset the deltas lead to (the regime tuner); null for a rule-table proposal.</summary>
    public string? Preset { get; init; }

    /// <summary>Set when the proposal changes the class in force: a move between two validated presets.</summary>
    public PresetSwitch? Switch { get; init; }
}

/// <summary>A move from one class's preset to another's. Direction is +1 toward a more defensive class (later in the policy's list), −1 toward a calmer one.</summary>
internal sealed record PresetSwitch(string? From, string To, int Direction);
