using SoakPS.Engine.Records;

namespace SoakPS.Engine.Guards;

/// <summary>
/// One guard of docs/guards.md. <see cref="Evaluate"/> settles the candidates it blocks and updates the state it watches;
/// <see cref="Applied"/> records what was actually written, for the guards whose state depends on applies.
/// </summary>
internal interface ITuningGuard
{
    string Name { get; }

    void Evaluate(GuardContext context);

    void Applied(GuardContext context, IReadOnlyList<ParameterOutcome> changes) { }
}
