namespace SoakPS.Engine.Tuning;

/// <summary>What the tuner proposes for one iteration: rounded deltas per parameter, and why.</summary>
public sealed record Proposal(
    IReadOnlyDictionary<string, decimal> Deltas,
    IReadOnlyList<string> FiredRules,
    string Rationale,
    IReadOnlyList<string> Conflicts)
{
    public static Proposal Stable { get; } = new(new Dictionary<string, decimal>(), Array.Empty<string>(), "stable", Array.Empty<string>());

    public bool IsEmpty => Deltas.Count == 0;
}
