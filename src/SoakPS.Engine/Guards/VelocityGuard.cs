using SoakPS.Engine.Records;

namespace SoakPS.Engine.Guards;

/// <summary>
/// G5: per parameter, the applied absolute changes over the trailing window of the run's clock plus the
/// candidate must stay within the parameter's velocity limit. Only applies count, never proposals. A preset switch of
/// the regime tuner is bounded in number instead: at most so many switches in the same trailing window.
/// </summary>
internal sealed class VelocityGuard : ITuningGuard
{
    public string Name => "velocity";

    public void Evaluate(GuardContext context)
    {
        var state = context.State;
        var windowStart = context.MarketTime - TimeSpan.FromMinutes(context.Guards.VelocityWindowMinutes);
        state.Velocity.RemoveAll(e => e.At <= windowStart);
        if (context.Proposal.Switch is { } preset)
        {
            var switches = state.Switches?.Count(s => s.At > windowStart) ?? 0;
            if (switches + 1 > context.Guards.VelocityMaxSwitches && context.Pending.Any())
            {
                context.SettleAll(ParameterStatus.Velocity);
                context.Active["velocity"] = true;
                context.Warn(Name, "velocity_exceeded",
                    $"Switch to the {preset.To} preset rejected: {switches} of {context.Guards.VelocityMaxSwitches} switches already made in the trailing {context.Guards.VelocityWindowMinutes} min.");
            }
            return;
        }
        foreach (var candidate in context.Pending.ToList())
        {
            if (candidate.Change == 0 || !context.Guards.VelocityLimits.TryGetValue(candidate.Parameter, out var limit))
            {
                continue;
            }
            var used = Used(state, candidate.Parameter);
            if (used + Math.Abs(candidate.Change) > limit)
            {
                GuardContext.Settle(candidate, ParameterStatus.Velocity);
                context.Active["velocity"] = true;
                context.Warn(Name, "velocity_exceeded",
                    $"{candidate.Parameter} change {candidate.Change} rejected: {used} of {limit} already used in the trailing {context.Guards.VelocityWindowMinutes} min.");
            }
        }
    }

    public void Applied(GuardContext context, IReadOnlyList<ParameterOutcome> changes)
    {
        if (context.Proposal.Switch is not null)
        {
            return;
        }
        foreach (var change in changes)
        {
            context.State.Velocity.Add(new VelocityEntry(change.Parameter, context.MarketTime, Math.Abs(change.New - change.Old)));
        }
    }

    public static decimal Used(TuningState state, string parameter) =>
        state.Velocity.Where(e => e.Parameter == parameter).Sum(e => e.Change);
}
