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
    private readonly ArtifactLayout _layout;
    private readonly JournalFile _journal;
    private readonly ParameterCatalog _catalog;
    private readonly HashSet<(string RunId, int Iteration)> _journalled = new();

    public DecisionApplier(ArtifactLayout layout, JournalFile journal, ParameterCatalog catalog, IEnumerable<JournalEntry>? existing = null)
    {
        _layout = layout;
        _journal = journal;
        _catalog = catalog;
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
        using var _ = OverridesWriteLock.Acquire(_layout, TimeSpan.FromSeconds(30), cancellationToken);
        var live = new OverridesFile(_layout).Read(_catalog).Values;
        ParameterSet? changedOutside = null;
        if (expected is not null && supersede is not null && live is not null && !live.Equals(expected) && !_journalled.Contains((decision.RunId, decision.Iteration ?? 0)))
        {
            changedOutside = live;
            decision = supersede(live);
        }

        var key = (decision.RunId, decision.Iteration ?? 0);
        var journalled = _journalled.Add(key);
        var start = journalled ? _journal.Append(decision) : -1;
        var target = new ParameterSet(decision.Overrides!);
        var write = live is null || !live.Equals(target);
        if (write)
        {
            try
            {
                new OverridesFile(_layout).Write(target);
            }
            catch when (journalled)
            {
                // The live file is unchanged (the write is atomic): the journal must not record an apply that never happened.
                _journal.Withdraw(start);
                _journalled.Remove(key);
                throw;
            }
        }
        return new Result(decision, journalled, write, changedOutside);
    }
}
