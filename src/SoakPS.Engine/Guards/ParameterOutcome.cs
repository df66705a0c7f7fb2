namespace SoakPS.Engine.Guards;

/// <summary>What became of one parameter's proposed delta: old value, the delta, the value after, and the guard's verdict.</summary>
public sealed record ParameterOutcome(string Parameter, decimal Old, decimal Proposed, decimal New, ParameterStatus Status, bool HitBound)
{
    public bool Changed => Status == ParameterStatus.Applied && New != Old;
}
