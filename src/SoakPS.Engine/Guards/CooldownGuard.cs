using SoakPS.Engine.Records;

namespace SoakPS.Engine.Guards;

/// <summary>
/// G6: after a large apply (Σ|Δp|/range above the threshold) nothing is applied for the next iterations. Under the
/// regime tuner every preset switch starts a cooldown of its own length, whatever its size: it bounds how often switches
/// happen, so a switch is never undone or redone in the very next iteration.
/// </summary>
internal sealed class CooldownGuard : ITuningGuard
{
    public string Name => "cooldown";

    public void Evaluate(GuardContext context)
    {
        if (context.Iteration <= context.State.CooldownUntil)
        {
            context.Active["cooldown"] = true;
            context.SettleAll(ParameterStatus.Cooldown);
        }
    }

    public void Applied(GuardContext context, IReadOnlyList<ParameterOutcome> changes)
    {
        if (context.Proposal.Switch is { } preset)
        {
            context.State.CooldownUntil = context.Iteration + context.Guards.CooldownSwitchIterations;
            context.Note(Name, "cooldown_started",
                $"Switched to the {preset.To} preset: no other switch {context.UntilAfter(context.State.CooldownUntil)}.");
            return;
        }
        var size = changes.Sum(c => Math.Abs(c.New - c.Old) / context.Catalog[c.Parameter].Range);
        if (size > context.Guards.CooldownSizeThreshold)
        {
            context.State.CooldownUntil = context.Iteration + context.Guards.CooldownIterations;
            context.Note(Name, "cooldown_started",
                $"Apply of size {Math.Round(size, 4)} > {context.Guards.CooldownSizeThreshold}: no apply {context.UntilAfter(context.State.CooldownUntil)}.");
        }
    }
}
