using SoakPS.Engine.Records;

namespace SoakPS.Engine.Guards;

/// <summary>G2: nothing is applied on a run's last iteration, so the final state is the one that was measured.</summary>
internal sealed class FinalIterationGuard : ITuningGuard
{
    public string Name => "final";

    public void Evaluate(GuardContext context)
    {
        if (context.IsFinalIteration)
        {
            context.SettleAll(ParameterStatus.FinalIteration);
        }
    }
}
