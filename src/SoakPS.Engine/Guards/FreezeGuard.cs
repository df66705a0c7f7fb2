using SoakPS.Engine.Records;

namespace SoakPS.Engine.Guards;

/// <summary>
/// G3: after N consecutive calm, profitable iterations (risk ≤ 0.35, net ≥ 2.7) the freeze parameters are held
/// for the next M iterations while the others still tune; a new freeze may start once one has expired. A preset
/// switch of the regime tuner is not held: the freeze holds only moves within a class.
/// </summary>
internal sealed class FreezeGuard : ITuningGuard
{
    public string Name => "freeze";

    public void Evaluate(GuardContext context)
    {
        var state = context.State;
        var policy = context.Guards;
        var frozen = context.Iteration <= state.FrozenUntil;
        if (frozen)
        {
            context.Active["freeze"] = true;
        }
        // A class change of the regime tuner is a move between validated presets: the freeze does not hold it.
        if (frozen && context.Proposal.Switch is null)
        {
            foreach (var candidate in context.Pending.Where(c => policy.FreezeParameters.Contains(c.Parameter)).ToList())
            {
                GuardContext.Settle(candidate, ParameterStatus.Frozen);
            }
        }

        var metrics = context.Metrics;
        var calm = metrics is { RiskRatio: { } risk, NetBps: { } net } && risk <= policy.FreezeRiskRatioMax && net >= policy.FreezeNetBpsMin;
        state.FreezeStreak = calm ? state.FreezeStreak + 1 : 0;
        if (!frozen && state.FreezeStreak >= policy.FreezeAfterIterations)
        {
            state.FrozenUntil = context.Iteration + policy.FreezeIterations;
            state.FreezeStreak = 0;
            state.Count("freezes_entered");
            context.Note(Name, "freeze_entered",
                $"{policy.FreezeAfterIterations} calm iterations: {string.Join(", ", policy.FreezeParameters)} frozen for iterations {context.Iteration + 1}..{state.FrozenUntil}.");
        }
    }
}
