using SoakPS.Engine.Artifacts;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Parameters;

namespace SoakPS.Engine.Runs;

/// <summary>
/// Applies a journalled decision: record it in the journal (flushed) and only then replace runtime_overrides.json,
/// both under the overrides lock. Keyed by (run, iteration): applying the same decision again changes nothing (G7).
/// </summary>
public sealed class DecisionApplier
{
    private readonly OverridesGateway _gateway;
    private readonly JournalFile _journal;
    private readonly HashSet<(string RunId, int Iteration)> _journalled = new();

    public DecisionApplier(ArtifactLayout layout, JournalFile journal, ParameterCatalog catalog, IEnumerable<JournalEntry>? existing = null)
    {
        _gateway = new OverridesGateway(layout, catalog);
        _journal = journal;
        foreach (var e in existing ?? journal.Read())
        {
            if (e.Type == JournalEntry.Decision && e.Iteration is { } n)
            {
                _journalled.Add((e.RunId, n));
            }
        }
    }

    public sealed record Result(JournalEntry Decision, bool Journalled, bool FileWritten, ParameterSet? ChangedOutside);

    /// <param name="expected">What the run believes the file holds; a different valid file means an operator changed it meanwhile.</param>
    /// <param name="supersede">Builds the decision to record instead when the operator's change wins.</param>
    public Result Apply(JournalEntry decision, ParameterSet? expected = null, Func<ParameterSet, JournalEntry>? supersede = null, CancellationToken cancellationToken = default)
    {
        using var access = _gateway.Open(cancellationToken);
        var live = access.Live.Values;
        ParameterSet? changedOutside = null;
        if (expected is not null && supersede is not null && live is not null && !live.Equals(expected) && !_journalled.Contains((decision.RunId, decision.Iteration ?? 0)))
        {
            changedOutside = live;
            decision = supersede(live);
        }

        var key = (decision.RunId, decision.Iteration ?? 0);
        var journalled = !_journalled.Contains(key);
        var target = new ParameterSet(decision.Overrides!);
        var write = live is null || !live.Equals(target);
        access.Commit(target, journalled ? _journal : null, journalled ? decision : null);
        _journalled.Add(key);
        return new Result(decision, journalled, write, changedOutside);
    }
}
