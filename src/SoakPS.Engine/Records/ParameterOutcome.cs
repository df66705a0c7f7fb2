namespace SoakPS.Engine.Records;

/// <summary>
/// What became of one parameter: old value, the proposed delta, the value after, and the guard's verdict. After a
/// panic revert <see cref="New"/> is the reverted value (the file moved there), whatever was proposed.
/// </summary>
internal sealed record ParameterOutcome(string Parameter, decimal Old, decimal Proposed, decimal New, ParameterStatus Status, bool HitBound)
{
    public bool Changed => Status is ParameterStatus.Applied or ParameterStatus.Panic && New != Old;
}
