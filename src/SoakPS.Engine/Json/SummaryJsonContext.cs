using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Json;

/// <summary>
/// Compile-time JSON contracts for ITER_SUMMARY, so reading a long history costs no reflection or IL emission on
/// the first call. Runs with <see cref="SoakJson.Options"/>, so names and converters are those of every artifact.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(IterationSummary))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext
{
    private static readonly Lazy<JsonTypeInfo<IterationSummary>> Summary = new(() =>
        (JsonTypeInfo<IterationSummary>)new SummaryJsonContext(new JsonSerializerOptions(SoakJson.Options)).GetTypeInfo(typeof(IterationSummary))!);

    public static IterationSummary Read(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, Summary.Value) ?? throw new JsonException("The document is null.");
}
