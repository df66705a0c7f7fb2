namespace SoakPS.Engine.Guards;

/// <summary>
/// G6: after a large apply (Σ|Δp|/range above the threshold) nothing is applied for the next iterations. Under the
/// regime tuner every switch starts the cooldown, whatever its size, and during it only a switch toward a more
/// defensive class passes: the cooldown bounds how soon the tuner relaxes again, never how soon it protects.
/// </summary>
public sealed class CooldownGuard : ITuningGuard
{
    public string Name => "cooldown";

    public void Evaluate(GuardContext context)
    {
        if (context.Iteration <= context.State.CooldownUntil && context.Proposal.Switch is not { Direction: > 0 })
        {
            context.Active["cooldown"] = true;
            context.SettleAll(ParameterStatus.Cooldown);
        }
    }

    public void Applied(GuardContext context, IReadOnlyList<ParameterOutcome> changes)
    {
        if (context.Proposal.Switch is { } preset)
        {
            context.State.CooldownUntil = context.Iteration + context.Guards.CooldownIterations;
            context.Note(Name, "cooldown_started",
                $"Switched to the {preset.To} preset: no switch to a calmer preset until after iteration {context.State.CooldownUntil}.");
            return;
        }
        var size = changes.Sum(c => Math.Abs(c.New - c.Old) / context.Catalog[c.Parameter].Range);
        if (size > context.Guards.CooldownSizeThreshold)
        {
            context.State.CooldownUntil = context.Iteration + context.Guards.CooldownIterations;
            context.Note(Name, "cooldown_started",
                $"Apply of size {Math.Round(size, 4)} > {context.Guards.CooldownSizeThreshold}: no apply until after iteration {context.State.CooldownUntil}.");
        }
    }
}
