namespace SoakPS.Engine.Guards;

/// <summary>
/// G4: a change that takes a parameter back to within the tolerance of its value before its last move, after
/// that move went beyond the tolerance (A→B→A), is blocked, and the parameter is held for a few iterations.
/// </summary>
public sealed class OscillationGuard : ITuningGuard
{
    public string Name => "oscillation";

    public void Evaluate(GuardContext context)
    {
        var state = context.State;
        var policy = context.Guards;
        foreach (var candidate in context.Pending.ToList())
        {
            if (state.Holds.TryGetValue(candidate.Parameter, out var heldUntil) && context.Iteration <= heldUntil)
            {
                context.Settle(candidate, ParameterStatus.Oscillation);
                context.Active["oscillation"] = true;
                continue;
            }
            if (candidate.Change == 0 || !state.History.TryGetValue(candidate.Parameter, out var history) || history.Count < 2)
            {
                continue;
            }
            var a = history[0];
            var b = history[1];
            var band = Math.Abs(a) * policy.OscillationTolerance;
            var movedAway = Math.Abs(b - a) > band;
            var reverses = Math.Sign(candidate.Change) == -Math.Sign(b - a);
            if (movedAway && reverses && Math.Abs(candidate.New - a) <= band)
            {
                context.Settle(candidate, ParameterStatus.Oscillation);
                context.Active["oscillation"] = true;
                state.Holds[candidate.Parameter] = context.Iteration + policy.OscillationHoldIterations;
                context.Warn(Name, "oscillation_blocked",
                    $"{candidate.Parameter} {a}→{b}→{candidate.New} would oscillate: blocked and held until after iteration {context.Iteration + policy.OscillationHoldIterations}.");
            }
        }
        foreach (var expired in state.Holds.Where(h => h.Value < context.Iteration).Select(h => h.Key).ToList())
        {
            state.Holds.Remove(expired);
        }
    }

    public void Applied(GuardContext context, IReadOnlyList<ParameterOutcome> changes)
    {
        foreach (var change in changes)
        {
            context.State.History[change.Parameter] = new List<decimal> { change.Old, change.New };
        }
    }
}
