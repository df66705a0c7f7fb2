using System.Text.Json.Serialization;

namespace SoakPS.Engine.Records;

/// <summary>
/// Compile-time JSON contracts for the artifacts a run writes every iteration (summary, journal entry, tuning state and
/// report, run.json). <see cref="SoakJson"/>'s options resolve these types here first and everything else by
/// reflection; names and converters still come from those options, so the bytes are the same (RunOutputFixtureTests).
/// Building these contracts by reflection, with emitted accessors, was paid in the first iterations of every run.
/// </summary>
[JsonSerializable(typeof(IterationSummary))]
[JsonSerializable(typeof(JournalEntry))]
[JsonSerializable(typeof(TuningState))]
[JsonSerializable(typeof(TuningReport))]
[JsonSerializable(typeof(TuningReportEntry))]
[JsonSerializable(typeof(TuningReportSummary))]
[JsonSerializable(typeof(RunManifest))]
internal sealed partial class ArtifactJsonContext : JsonSerializerContext
{
}
