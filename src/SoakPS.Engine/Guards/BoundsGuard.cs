using SoakPS.Engine.Records;

namespace SoakPS.Engine.Guards;

/// <summary>G8: new = round(clamp(current + Δ)); what survives is applied unless it rounds to no change.</summary>
internal sealed class BoundsGuard : ITuningGuard
{
    public string Name => "bounds";

    public void Evaluate(GuardContext context)
    {
        foreach (var candidate in context.Pending.ToList())
        {
            GuardContext.Settle(candidate, candidate.New == candidate.Old ? ParameterStatus.NoEffectiveChange : ParameterStatus.Applied);
        }
    }
}
