using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SoakPS.Engine.Records;

/// <summary>
/// Reads ITER_SUMMARY files: in one pass when they have the runner's shape, else through the compile-time contract of
/// <see cref="ArtifactJsonContext"/>, so reading a long history costs no reflection or IL emission on the first call.
/// Runs with <see cref="SoakJson.Options"/>, so names and converters are those of every artifact.
/// </summary>
internal static class SummaryJson
{
    private static readonly Lazy<JsonTypeInfo<IterationSummary>> Summary = new(() =>
        (JsonTypeInfo<IterationSummary>)new JsonSerializerOptions(SoakJson.Options)
        {
            TypeInfoResolver = ArtifactJsonContext.Default.WithAddedModifier(OrdinalKeys),
        }.GetTypeInfo(typeof(IterationSummary)));

    /// <summary>A file in the shape the runner writes is read in one pass (<see cref="CanonicalSummaryJson"/>); any other through the contract.</summary>
    public static IterationSummary Read(ReadOnlySpan<byte> utf8) => CanonicalSummaryJson.TryRead(utf8) ?? ReadByContract(utf8);

    /// <summary>The reference reading of a summary: its results and errors are what users see.</summary>
    public static IterationSummary ReadByContract(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, Summary.Value) ?? throw new JsonException("The document is null.");

    /// <summary>
    /// The runner's summaries order keys by ordinal comparison; a dictionary the contract creates would order them by
    /// the current culture (and ask ICU for every comparison), so a summary read back could list them differently.
    /// </summary>
    private static void OrdinalKeys(JsonTypeInfo info)
    {
        if (info.Type == typeof(SortedDictionary<string, decimal>))
        {
            info.CreateObject = () => new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        }
        else if (info.Type == typeof(SortedDictionary<string, bool>))
        {
            info.CreateObject = () => new SortedDictionary<string, bool>(StringComparer.Ordinal);
        }
        else if (info.Type == typeof(SortedDictionary<string, ParameterOutcome>))
        {
            info.CreateObject = () => new SortedDictionary<string, ParameterOutcome>(StringComparer.Ordinal);
        }
    }
}
