using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SoakPS.Engine.Artifacts;

namespace SoakPS.Engine.Json;

/// <summary>
/// Compile-time JSON contract for soak.lock. Rotation and undo take the lock early in a fresh pwsh; building the contract
/// by reflection (and emitting its accessors) on that first use cost 40–60 ms, most of what a daily rotation spent over
/// a shell pipeline. Same names and format as <see cref="SoakJson.Compact"/>.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(LockHolder))]
internal sealed partial class LockHolderJsonContext : JsonSerializerContext
{
    private static readonly Lazy<JsonTypeInfo<LockHolder>> Holder = new(() =>
        (JsonTypeInfo<LockHolder>)new LockHolderJsonContext(new JsonSerializerOptions(SoakJson.Compact)).GetTypeInfo(typeof(LockHolder))!);

    public static byte[] Write(LockHolder holder) => JsonSerializer.SerializeToUtf8Bytes(holder, Holder.Value);

    public static LockHolder? Read(Stream utf8) => JsonSerializer.Deserialize(utf8, Holder.Value);
}
