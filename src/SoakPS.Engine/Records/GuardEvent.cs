namespace SoakPS.Engine.Records;

/// <summary>Something a guard did that an operator should see: a freeze entered, a panic revert, an oscillation blocked.</summary>
/// <param name="Guard">freeze | oscillation | velocity | cooldown | panic | state | final | bounds | idempotency</param>
internal sealed record GuardEvent(string Guard, string Code, string Message, bool IsWarning);
