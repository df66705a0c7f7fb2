using SoakPS.Engine.Records;

namespace SoakPS.Engine.Guards;

/// <summary>
/// G4. A change that takes a parameter back to within the tolerance (a share of its range) of its value before its
/// last move (A→B→A), whatever the size of that move, while the A→B apply is within the window, is blocked and the
/// parameter held for a few iterations. Under the regime tuner a switch back to a validated preset is not blocked as
/// such: switches back to the class just left are counted, and more than the limit in the trailing hour hold the preset.
/// </summary>
internal sealed class OscillationGuard : ITuningGuard
{
    public string Name => "oscillation";

    public void Evaluate(GuardContext context)
    {
        var state = context.State;
        var policy = context.Guards;
        foreach (var expired in state.Holds.Where(h => h.Value < context.Iteration).Select(h => h.Key).ToList())
        {
            state.Holds.Remove(expired);
        }
        foreach (var candidate in context.Pending.Where(c => state.Holds.ContainsKey(c.Parameter)).ToList())
        {
            GuardContext.Settle(candidate, ParameterStatus.Oscillation);
            context.Active["oscillation"] = true;
        }
        if (context.Proposal.Switch is { } preset)
        {
            EvaluateSwitch(context, preset);
            return;
        }
        foreach (var candidate in context.Pending.ToList())
        {
            if (candidate.Change == 0 || !state.History.TryGetValue(candidate.Parameter, out var history) || history.Count < 2
                || !state.HistoryIteration.TryGetValue(candidate.Parameter, out var at) || context.Iteration - at > policy.OscillationWindowIterations)
            {
                continue;
            }
            var a = history[0];
            var b = history[1];
            var band = context.Catalog[candidate.Parameter].Range * policy.OscillationTolerance;
            var reverses = Math.Sign(candidate.Change) == -Math.Sign(b - a);
            if (reverses && Math.Abs(candidate.New - a) <= band)
            {
                Hold(context, candidate.Parameter);
                GuardContext.Settle(candidate, ParameterStatus.Oscillation);
                context.Warn(Name, "oscillation_blocked",
                    $"{candidate.Parameter} {a}→{b}→{candidate.New} would oscillate: blocked and held {context.Through(state.Holds[candidate.Parameter])}.");
            }
        }
    }

    private void EvaluateSwitch(GuardContext context, Tuning.PresetSwitch preset)
    {
        var state = context.State;
        var policy = context.Guards;
        if (!IsReversal(state, preset))
        {
            return;
        }
        var hourAgo = context.MarketTime - TimeSpan.FromHours(1);
        var reversals = 1 + (state.Switches?.Count(s => s.Reversal && s.At > hourAgo) ?? 0);
        if (reversals <= policy.OscillationMaxReversalsPerHour)
        {
            return;
        }
        foreach (var candidate in context.Pending.ToList())
        {
            Hold(context, candidate.Parameter);
            GuardContext.Settle(candidate, ParameterStatus.Oscillation);
        }
        context.Active["oscillation"] = true;
        context.Warn(Name, "oscillation_blocked",
            $"Switch {preset.From}→{preset.To} would be the {reversals}th switch back in the trailing hour (limit {policy.OscillationMaxReversalsPerHour}): the {preset.From} preset is held {context.Through(context.Iteration + policy.OscillationHoldIterations)}.");
    }

    /// <summary>A switch back to the class the last switch left.</summary>
    public static bool IsReversal(TuningState state, Tuning.PresetSwitch preset) =>
        state.Switches is { Count: > 0 } switches && switches[^1] is var last
        && string.Equals(last.From, preset.To, StringComparison.Ordinal) && string.Equals(last.To, preset.From, StringComparison.Ordinal);

    private static void Hold(GuardContext context, string parameter)
    {
        context.State.Holds[parameter] = context.Iteration + context.Guards.OscillationHoldIterations;
        context.Active["oscillation"] = true;
    }

    public void Applied(GuardContext context, IReadOnlyList<ParameterOutcome> changes)
    {
        foreach (var change in changes)
        {
            context.State.History[change.Parameter] = new List<decimal> { change.Old, change.New };
            context.State.HistoryIteration[change.Parameter] = context.Iteration;
        }
    }
}
