namespace SoakPS.Engine.Records;

/// <summary>
/// The one vocabulary for what happened to a proposed change of one parameter, recorded identically in
/// ITER_SUMMARY, journal.jsonl and TUNING_REPORT (snake_case in JSON).
/// </summary>
internal enum ParameterStatus
{
    Applied,
    NoEffectiveChange,
    FinalIteration,
    Frozen,
    Oscillation,
    Velocity,
    Cooldown,
    Panic,
    Paused,
    AlreadyApplied,
    InvalidState,
}
