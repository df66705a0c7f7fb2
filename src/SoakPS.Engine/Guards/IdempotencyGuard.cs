using SoakPS.Engine.Records;

namespace SoakPS.Engine.Guards;

/// <summary>G7: a decision is applied once per (run, iteration); deciding the same iteration again changes nothing.</summary>
internal sealed class IdempotencyGuard : ITuningGuard
{
    public string Name => "idempotency";

    public void Evaluate(GuardContext context)
    {
        if (context.State.LastAppliedIteration >= context.Iteration)
        {
            context.SettleAll(ParameterStatus.AlreadyApplied);
        }
    }
}
