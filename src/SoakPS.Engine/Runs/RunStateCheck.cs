using SoakPS.Engine.Files;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Runs;

/// <summary>
/// G0, before each iteration and (for the live file) again once the source has returned (a step of the run, not a guard of the proposal pipeline): runtime_overrides.json and TUNING_STATE.json must parse and hold every parameter,
/// numeric and in bounds. A bad file is set aside (renamed, never deleted) and the last valid state restored from
/// the journal. A valid file that differs from what the run wrote is an operator's change (undo, Set-SoakProfile):
/// the run keeps it and pauses tuning as after a panic revert. A live file that still holds what the run last wrote is
/// seen without the overrides lock (writers replace it atomically, so a read sees one whole version); the lock is taken
/// only to act on a change, and what it finds then is what counts.
/// </summary>
internal static class RunStateCheck
{
    public static IEnumerable<string> Check(RunSession session, int iteration, SoakRunOptions options)
    {
        var now = options.Clock.GetUtcNow();
        var warnings = CheckOverrides(session, iteration, options);

        if (!StateFileIsValid(session, options.Catalog, out var problem))
        {
            var keptAs = SetAside.Move(session.Folder.TuningState, now);
            var rebuilt = session.Journal.Read().LastOrDefault(e => e.Type == JournalEntry.Decision && e.State is not null)?.State;
            session.State = rebuilt ?? session.State;
            session.Journal.Append(new JournalEntry
            {
                Type = JournalEntry.StateRestored, RunId = session.Manifest.RunId, At = now, Iteration = iteration,
                Detail = $"TUNING_STATE.json {problem}" + (keptAs is null ? string.Empty : $"; kept as {Path.GetFileName(keptAs)}") + "; rebuilt from the journal",
            });
            session.State.Count("state_restores");
            session.SaveState();
            warnings.Add($"TUNING_STATE.json was invalid ({problem}); " + (keptAs is null ? string.Empty : $"kept as {Path.GetFileName(keptAs)}; ") + "rebuilt from the journal.");
        }
        return warnings;
    }

    /// <summary>
    /// The runtime_overrides.json part alone. With <paramref name="onlyInvalid"/> it is run once the source has
    /// returned: a bot may have written a bad live file during its own iteration, which is set aside like any other
    /// (a valid change made meanwhile is the apply's to find: it wins over the run's decision).
    /// </summary>
    public static List<string> CheckOverrides(RunSession session, int iteration, SoakRunOptions options, bool onlyInvalid = false)
    {
        var layout = session.Layout;
        var now = options.Clock.GetUtcNow();
        var warnings = new List<string>();
        var seen = new OverridesFile(layout).Read(options.Catalog, session.Overrides).Values;
        if (seen is null || !seen.Equals(session.Overrides))
        {
            using var access = new OverridesGateway(layout, options.Catalog).Open(session.Overrides);
            var live = access.Live;
            if (!live.IsValid)
            {
                var keptAs = access.SetAsideLive(now);
                var restored = RestoreTarget(session, options);
                access.Commit(restored, session.Journal, new JournalEntry
                {
                    Type = JournalEntry.StateRestored, RunId = session.Manifest.RunId, At = now, Iteration = iteration,
                    Detail = $"runtime_overrides.json {live.Reason}" + (keptAs is null ? string.Empty : $"; kept as {Path.GetFileName(keptAs)}"),
                    Overrides = RunSession.Sorted(restored), StateHash = restored.StateHash(),
                });
                session.Overrides = restored;
                session.State.Count("state_restores");
                warnings.Add($"runtime_overrides.json was invalid ({live.Reason}); " +
                    (keptAs is null ? string.Empty : $"kept as {Path.GetFileName(keptAs)}; ") + $"restored {restored}.");
            }
            else if (!onlyInvalid && !live.Values!.Equals(session.Overrides))
            {
                var pauseTo = iteration + options.Policy.Guards.PanicPauseIterations - 1;
                access.Commit(null, session.Journal, new JournalEntry
                {
                    Type = JournalEntry.ExternalChange, RunId = session.Manifest.RunId, At = now, Iteration = iteration,
                    Detail = $"runtime_overrides.json was changed outside the run; kept, tuning paused through iteration {pauseTo}",
                    Previous = RunSession.Sorted(session.Overrides), Overrides = RunSession.Sorted(live.Values), StateHash = live.Values.StateHash(),
                });
                session.Overrides = live.Values;
                session.State.PausedUntil = Math.Max(session.State.PausedUntil, pauseTo);
                session.State.History.Clear();
                session.State.Count("external_changes");
                warnings.Add($"runtime_overrides.json was changed outside the run ({live.Values}); the run keeps it and pauses tuning through iteration {pauseTo}.");
            }
        }
        return warnings;
    }

    private static bool StateFileIsValid(RunSession session, ParameterCatalog catalog, out string problem)
    {
        TuningState? state;
        try
        {
            if (session.StateFileUnchanged())
            {
                problem = string.Empty;
                return true;
            }
            state = SoakJson.Deserialize<TuningState>(File.ReadAllText(session.Folder.TuningState));
        }
        catch (FileNotFoundException) { problem = "missing"; return false; }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            problem = "not valid: " + e.Message;
            return false;
        }
        if (state.RunId != session.Manifest.RunId)
        {
            problem = $"belongs to run '{state.RunId}'";
            return false;
        }
        var unknown = state.History.Keys.Concat(state.Holds.Keys).FirstOrDefault(k => !catalog.TryGet(k, out _));
        if (unknown is not null)
        {
            problem = $"names unknown parameter '{unknown}'";
            return false;
        }
        problem = string.Empty;
        return true;
    }

    /// <summary>The last valid overrides the journal knows, else the initial overrides of the run (its profile).</summary>
    private static ParameterSet RestoreTarget(RunSession session, SoakRunOptions options)
    {
        var last = session.Journal.LastWithOverrides()?.Overrides;
        if (last is not null && options.Catalog.Definitions.All(d => last.TryGetValue(d.Name, out var v) && d.InBounds(v)))
        {
            return new ParameterSet(last);
        }
        return options.InitialOverrides;
    }
}
