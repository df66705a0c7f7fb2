using SoakPS.Engine.Files;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Runs;

/// <summary>
/// Applies a journalled decision: record it in the journal (flushed) and only then replace runtime_overrides.json,
/// both under the overrides lock. Keyed by (run, iteration): applying the same decision again changes nothing (G7).
/// A run journals its decisions in iteration order (the journal refuses any other), so the last journalled iteration
/// of each run says which decisions are journalled, whatever the run's length.
/// </summary>
internal sealed class DecisionApplier
{
    private readonly OverridesGateway _gateway;
    private readonly JournalFile _journal;
    private readonly Dictionary<string, int> _lastJournalled = new(StringComparer.Ordinal);

    public DecisionApplier(ArtifactLayout layout, JournalFile journal, ParameterCatalog catalog, IEnumerable<JournalEntry>? existing = null)
    {
        _gateway = new OverridesGateway(layout, catalog);
        _journal = journal;
        foreach (var e in existing ?? journal.Read())
        {
            if (e.Type == JournalEntry.Decision && e.Iteration is { } n)
            {
                Journalled(e.RunId, n);
            }
        }
    }

    public sealed record Result(JournalEntry Decision, bool Journalled, bool FileWritten, ParameterSet? ChangedOutside);

    /// <param name="expected">What the run believes the file holds; a different valid file means an operator changed it meanwhile.</param>
    /// <param name="supersede">Builds the decision to record instead when the operator's change wins.</param>
    public Result Apply(JournalEntry decision, ParameterSet? expected = null, Func<ParameterSet, JournalEntry>? supersede = null, CancellationToken cancellationToken = default)
    {
        using var access = _gateway.Open(expected, cancellationToken);
        var live = access.Live.Values;
        var iteration = decision.Iteration ?? 0;
        ParameterSet? changedOutside = null;
        if (expected is not null && supersede is not null && live is not null && !live.Equals(expected) && !IsJournalled(decision.RunId, iteration))
        {
            changedOutside = live;
            decision = supersede(live);
        }

        var journalled = !IsJournalled(decision.RunId, iteration);
        var target = new ParameterSet(decision.Overrides!);
        var write = live is null || !live.Equals(target);
        access.Commit(target, journalled ? _journal : null, journalled ? decision : null);
        Journalled(decision.RunId, iteration);
        return new Result(decision, journalled, write, changedOutside);
    }

    private bool IsJournalled(string runId, int iteration) => _lastJournalled.TryGetValue(runId, out var last) && iteration <= last;

    private void Journalled(string runId, int iteration) => _lastJournalled[runId] = Math.Max(iteration, _lastJournalled.GetValueOrDefault(runId));
}
