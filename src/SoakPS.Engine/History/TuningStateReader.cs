using SoakPS.Engine.Files;
using SoakPS.Engine.Guards;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.History;

/// <summary>The guard state of the current or most recent run, as an operator inspects it.</summary>
internal sealed record TuningStateView(RunManifest Run, TuningState State, bool RebuiltFromJournal)
{
    /// <summary>The next iteration the run would decide; guards "until n" are active while it is ≤ n.</summary>
    public int NextIteration => State.Iteration + 1;

    public bool FreezeActive => NextIteration <= State.FrozenUntil;
    public bool CooldownActive => NextIteration <= State.CooldownUntil;
    public bool Paused => NextIteration <= State.PausedUntil;

    /// <summary>Velocity used within the trailing window ending at the state's clock, per parameter.</summary>
    public decimal VelocityUsed(string parameter, GuardPolicy policy)
    {
        // A run that never tuned has no market time yet (and no velocity entries): nothing used, no date arithmetic on it.
        var window = TimeSpan.FromMinutes(policy.VelocityWindowMinutes);
        var windowStart = State.MarketTime.UtcTicks - DateTimeOffset.MinValue.UtcTicks <= window.Ticks ? DateTimeOffset.MinValue : State.MarketTime - window;
        return State.Velocity.Where(e => e.Parameter == parameter && e.At > windowStart).Sum(e => e.Change);
    }
}

internal static class TuningStateReader
{
    /// <summary>Reads TUNING_STATE.json of latest/, or rebuilds it from the journal when it is missing or invalid.</summary>
    public static TuningStateView Read(ArtifactLayout layout)
    {
        var folder = layout.LatestRun;
        if (!folder.Exists)
        {
            throw new SoakException("NoRun", SoakErrorKind.ObjectNotFound, $"There is no run in '{layout.Latest}' yet.", layout.Latest);
        }
        var manifest = RunManifest.Read(folder);
        try
        {
            var state = SoakJson.Deserialize<TuningState>(File.ReadAllText(folder.TuningState));
            if (state.RunId == manifest.RunId)
            {
                return new TuningStateView(manifest, state, false);
            }
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
        }
        var rebuilt = new JournalFile(folder.Journal).Read().LastOrDefault(e => e.Type == JournalEntry.Decision && e.State is not null)?.State
            ?? new TuningState { RunId = manifest.RunId };
        return new TuningStateView(manifest, rebuilt, true);
    }
}
