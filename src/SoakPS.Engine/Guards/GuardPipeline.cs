using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Guards;

/// <summary>What the guards decided for one iteration: per-parameter outcomes and the values to write.</summary>
internal sealed record GuardDecision(
    IReadOnlyList<ParameterOutcome> Outcomes,
    ParameterSet NewValues,
    bool Changed,
    bool PanicRevert,
    IReadOnlyList<GuardEvent> Events,
    IReadOnlyDictionary<string, bool> Active);

/// <summary>The guards in their one order (docs/guards.md): panic, final iteration, freeze, oscillation, velocity, cooldown, idempotency, bounds.</summary>
internal sealed class GuardPipeline
{
    public GuardPipeline(IReadOnlyList<ITuningGuard> guards) => Guards = guards;

    public static GuardPipeline Default { get; } = new(new ITuningGuard[]
    {
        new PanicRevertGuard(),
        new FinalIterationGuard(),
        new FreezeGuard(),
        new OscillationGuard(),
        new VelocityGuard(),
        new CooldownGuard(),
        new IdempotencyGuard(),
        new BoundsGuard(),
    });

    public IReadOnlyList<ITuningGuard> Guards { get; }

    /// <summary>After a panic revert, what happened to each parameter is the revert: one outcome per parameter that moved or was proposed.</summary>
    private static ParameterOutcome[] RevertOutcomes(GuardContext context, Parameters.ParameterSet reverted)
    {
        var proposed = context.Candidates.ToDictionary(c => c.Parameter, c => c.Delta, StringComparer.Ordinal);
        return reverted.Values
            .Where(kv => proposed.ContainsKey(kv.Key) || !context.Current.TryGet(kv.Key, out var old) || old != kv.Value)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new ParameterOutcome(kv.Key, context.Current.TryGet(kv.Key, out var old) ? old : 0m,
                proposed.TryGetValue(kv.Key, out var delta) ? delta : 0m, kv.Value, ParameterStatus.Panic, false))
            .ToArray();
    }

    private static bool IsBlocked(ParameterStatus? status) => status is not (null or ParameterStatus.Applied or ParameterStatus.NoEffectiveChange);

    /// <summary>A preset is one validated point: when a guard blocks one of its parameters, none of the others moves either.</summary>
    private static void KeepPresetWhole(GuardContext context)
    {
        if (context.Candidates.FirstOrDefault(c => IsBlocked(c.Status)) is not { } blocked)
        {
            return;
        }
        foreach (var candidate in context.Candidates.Where(c => !IsBlocked(c.Status)))
        {
            candidate.Status = blocked.Status;
        }
    }

    /// <summary>The class now in force, and the switch that made it so (what G4, G5 and G6 count under the regime tuner).</summary>
    private static void RecordPreset(GuardContext context, string preset)
    {
        var state = context.State;
        state.TunerClass = preset;
        if (context.Proposal.Switch is not { } change)
        {
            return;
        }
        var reversal = OscillationGuard.IsReversal(state, change);
        var keepAfter = context.MarketTime - TimeSpan.FromMinutes(Math.Max(60, context.Guards.VelocityWindowMinutes));
        var switches = state.Switches ?? new List<PresetSwitchRecord>();
        switches.RemoveAll(s => s.At <= keepAfter);
        switches.Add(new PresetSwitchRecord(context.MarketTime, context.Iteration, change.From, change.To, reversal));
        state.Switches = switches;
        state.Count("preset_switches");
    }

    public GuardDecision Run(GuardContext context)
    {
        foreach (var guard in Guards)
        {
            guard.Evaluate(context);
        }
        if (context.Proposal.Preset is not null && context.Replacement is null)
        {
            KeepPresetWhole(context);
        }

        var outcomes = context.Replacement is { } reverted ? RevertOutcomes(context, reverted) : context.Candidates.Select(c => c.ToOutcome()).ToArray();
        var changes = outcomes.Where(o => o.Changed).ToArray();
        var newValues = context.Replacement ?? context.Current.With(changes.Select(o => KeyValuePair.Create(o.Parameter, o.New)));
        var changed = !newValues.Equals(context.Current);

        if (changes.Length > 0 && context.Replacement is null)
        {
            foreach (var guard in Guards)
            {
                guard.Applied(context, changes);
            }
            context.State.LastAppliedIteration = context.Iteration;
            context.State.Count("applies");
        }
        foreach (var blocked in context.Candidates.Select(c => c.ToOutcome()).Where(o => IsBlocked(o.Status)))
        {
            context.State.Count("blocked_" + Json.SnakeCase.Of(blocked.Status));
        }
        if (context.Proposal.Preset is { } preset && context.Replacement is null && !context.Candidates.Any(c => IsBlocked(c.Status)))
        {
            RecordPreset(context, preset);
        }
        context.State.Iteration = context.Iteration;
        context.State.MarketTime = context.MarketTime;
        return new GuardDecision(outcomes, newValues, changed, context.Replacement is not null, context.Events.ToArray(),
            new SortedDictionary<string, bool>(context.Active, StringComparer.Ordinal));
    }
}
