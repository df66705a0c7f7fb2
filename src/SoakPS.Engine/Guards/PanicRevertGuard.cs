using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Guards;

/// <summary>
/// G1: KPI FAIL in N consecutive iterations resets the overrides to the panic target (a profile, or the last OK
/// iteration's overrides), drops the proposal and pauses tuning. Also enforces any pause still running (after a
/// panic or a manual undo). An INVALID iteration neither extends nor breaks the streak.
/// </summary>
internal sealed class PanicRevertGuard : ITuningGuard
{
    /// <summary>The event code of a revert, which the metrics count.</summary>
    public const string RevertCode = "panic_revert";

    public string Name => "panic";

    public void Evaluate(GuardContext context)
    {
        var state = context.State;
        var policy = context.Guards;
        switch (context.Kpi.Verdict)
        {
            case Verdict.FAIL:
                state.PanicStreak++;
                break;
            case Verdict.OK:
                state.PanicStreak = 0;
                state.LastGood = new LastGood(context.Iteration, new Dictionary<string, decimal>(context.Current.Values));
                break;
            case Verdict.WARN:
                state.PanicStreak = 0;
                break;
        }

        if (state.PanicStreak >= policy.PanicFailStreak)
        {
            var target = Target(context);
            context.Replacement = target;
            context.SettleAll(ParameterStatus.Panic);
            state.PanicStreak = 0;
            state.PausedUntil = context.Iteration + policy.PanicPauseIterations;
            state.History.Clear();
            state.Holds.Clear();
            state.TunerClass = null;
            state.Count("panic_reverts");
            context.Active["panic"] = true;
            context.Warn(Name, RevertCode,
                $"KPI FAIL in {policy.PanicFailStreak} consecutive iterations: overrides reverted to {policy.PanicTarget} ({target}); tuning paused {context.UntilAfter(state.PausedUntil)}.");
            return;
        }

        if (context.Iteration <= state.PausedUntil)
        {
            context.SettleAll(ParameterStatus.Paused);
        }
    }

    private static ParameterSet Target(GuardContext context)
    {
        var policy = context.Guards;
        if (string.Equals(policy.PanicTarget, "last_good", StringComparison.Ordinal))
        {
            if (context.State.LastGood is { } good)
            {
                return context.Current.With(good.Overrides);
            }
            context.Note("panic", "no_last_good", "No OK iteration yet: reverting to the steady_safe profile instead of last_good.");
            return context.Current.With(context.ProfileValues("steady_safe").Values);
        }
        return context.Current.With(context.ProfileValues(policy.PanicTarget).Values);
    }
}
