using SoakPS.Engine.Files;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Undo;

/// <summary>
/// How far an undo goes back. <paramref name="RunId"/> names the run an iteration belongs to (an object piped from a
/// past run): the undo is refused unless that run's journal governs the live file.
/// </summary>
internal sealed record UndoTarget(int? Steps = null, int? ToIteration = null, string? ToProfile = null, string? RunId = null)
{
    public override string ToString() =>
        Steps is { } s ? LastApplies(s) : ToIteration is { } k ? $"back to iteration {k}" : $"back to profile {ToProfile}";

    /// <summary>"the last apply", "the last 3 applies".</summary>
    internal static string LastApplies(int steps) => steps == 1 ? "the last apply" : $"the last {steps} applies";

    /// <summary>"1 apply", "2 applies".</summary>
    internal static string Applies(int count) => count == 1 ? "1 apply" : $"{count} applies";
}

/// <summary>What an undo would change or changed: the values before and after, per parameter.</summary>
internal sealed record UndoPlan(string? RunId, ParameterSet Before, ParameterSet After, UndoTarget Target, string Description)
{
    /// <summary>Where an invalid live file was kept before the undo replaced it.</summary>
    public string? KeptAs { get; init; }

    public IEnumerable<(string Parameter, decimal Before, decimal After)> Changes =>
        After.Values.Where(kv => !Before.TryGet(kv.Key, out var b) || b != kv.Value)
            .Select(kv => (kv.Key, Before.TryGet(kv.Key, out var b) ? b : 0m, kv.Value));
}

/// <summary>
/// Reverts applied tuning through the journal (the last N applies, back to an iteration, or to a profile), writes
/// runtime_overrides.json atomically and journals the undo. Safe while a run is active in another process: both
/// sides change the file only under the overrides lock, and the run keeps a change it did not make.
/// </summary>
internal sealed class TuningUndo
{
    private readonly ArtifactLayout _layout;
    private readonly ParameterCatalog _catalog;
    private readonly Func<string, ParameterSet> _profileValues;
    private readonly TimeProvider _clock;

    public TuningUndo(ArtifactLayout layout, ParameterCatalog catalog, Func<string, ParameterSet> profileValues, TimeProvider clock)
    {
        _layout = layout;
        _catalog = catalog;
        _profileValues = profileValues;
        _clock = clock;
    }

    /// <summary>Works out the undo; <paramref name="mayApply"/> is asked before anything is written (ShouldProcess).</summary>
    public UndoPlan Run(UndoTarget target, Func<UndoPlan, bool> mayApply)
    {
        using var access = new OverridesGateway(_layout, _catalog).Open();
        var live = access.Live;
        var journal = _layout.LatestRun.Exists ? new JournalFile(_layout.LatestRun.Journal) : null;
        var entries = journal?.ReadVerified() ?? new List<JournalEntry>();
        var runId = entries.FirstOrDefault(e => e.Type == JournalEntry.RunStarted)?.RunId;
        if (target.RunId is { } wanted && !string.Equals(wanted, runId, StringComparison.Ordinal))
        {
            throw new SoakException("IterationOfAnotherRun", SoakErrorKind.InvalidOperation,
                $"Iteration {target.ToIteration} belongs to run {wanted}, but runtime_overrides.json under '{_layout.Root}' is governed by " +
                (runId is null ? "no run" : $"run {runId}") + "; its values are not restored.", wanted);
        }
        var before = live.Values ?? (entries.LastOrDefault(e => e.Overrides is not null)?.Overrides is { } o ? new ParameterSet(o) : _catalog.Defaults());
        var (after, description) = Resolve(target, entries);
        var plan = new UndoPlan(runId, before, after, target, description);
        if (!mayApply(plan))
        {
            return plan;
        }
        var keptAs = live.Exists && !live.IsValid ? access.SetAsideLive(_clock.GetUtcNow()) : null;
        access.Commit(after, journal, journal is null ? null : new JournalEntry
        {
            Type = JournalEntry.Undo, RunId = runId ?? string.Empty, At = _clock.GetUtcNow(), Detail = description + (keptAs is null ? string.Empty : $"; the invalid live file was kept as {Path.GetFileName(keptAs)}"),
            Pid = Environment.ProcessId, Steps = target.Steps, ToIteration = target.ToIteration, ToProfile = target.ToProfile,
            Previous = RunSession.Sorted(before), Overrides = RunSession.Sorted(after), StateHash = after.StateHash(),
        });
        return plan with { KeptAs = keptAs };
    }

    private (ParameterSet After, string Description) Resolve(UndoTarget target, List<JournalEntry> entries)
    {
        if (target.ToProfile is { } profile)
        {
            return (_profileValues(profile), $"undo to profile {profile}");
        }
        if (target.ToIteration is { } k)
        {
            if (k == 0)
            {
                var start = entries.FirstOrDefault(e => e.Type == JournalEntry.RunStarted)?.Overrides ?? throw NothingToUndo("the run has no start record");
                return (new ParameterSet(start), "undo to the start of the run");
            }
            var decision = entries.LastOrDefault(e => e.Type == JournalEntry.Decision && e.Iteration == k && e.Overrides is not null)
                ?? throw NothingToUndo($"iteration {k} has no decision in the journal");
            return (new ParameterSet(decision.Overrides!), $"undo to the values after iteration {k}");
        }

        var steps = target.Steps ?? 1;
        var stack = ActiveApplies(entries);
        if (stack.Count == 0)
        {
            throw NothingToUndo("no apply of the current run is left to undo");
        }
        if (steps > stack.Count)
        {
            throw new SoakException("UndoTooFar", SoakErrorKind.InvalidArgument,
                $"Only {UndoTarget.Applies(stack.Count)} can be undone, not {steps}.", steps);
        }
        var oldest = stack[^steps];
        return (new ParameterSet(oldest.Previous!), $"undo of {UndoTarget.LastApplies(steps)} (back to before iteration {oldest.Iteration})");
    }

    /// <summary>The applies not yet taken back by an earlier undo, oldest first.</summary>
    private static List<JournalEntry> ActiveApplies(IEnumerable<JournalEntry> entries)
    {
        var stack = new List<JournalEntry>();
        foreach (var e in entries)
        {
            switch (e.Type)
            {
                case JournalEntry.Decision when e.Applied == true && e.Previous is not null && (e.Deltas?.Count ?? 0) > 0:
                    stack.Add(e);
                    break;
                case JournalEntry.Undo when e.Steps is { } s:
                    stack.RemoveRange(Math.Max(0, stack.Count - s), Math.Min(s, stack.Count));
                    break;
                case JournalEntry.Undo when e.ToIteration is { } k:
                    stack.RemoveAll(a => a.Iteration > k);
                    break;
                case JournalEntry.Undo:
                case JournalEntry.ExternalChange:
                case JournalEntry.StateRestored when e.Overrides is not null:
                    stack.Clear();
                    break;
            }
        }
        return stack;
    }

    private static SoakException NothingToUndo(string why) =>
        new("NothingToUndo", SoakErrorKind.ObjectNotFound, $"Nothing to undo: {why}.", why);
}
