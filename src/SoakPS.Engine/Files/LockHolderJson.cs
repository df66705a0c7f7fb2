using System.Buffers;
using System.Text.Json;
using SoakPS.Engine.Json;

namespace SoakPS.Engine.Files;

/// <summary>
/// soak.lock's four fields, written and read without the JSON serializer. Rotation and undo take the lock in a fresh
/// pwsh as their first write; the serializer's first use there (even through a compile-time contract) cost about 20 ms
/// of a daily rotation's 0.2 s, the reflection contract before it 45-65 ms. Same bytes as the serializer wrote.
/// </summary>
internal static class LockHolderJson
{
    public static byte[] Write(LockHolder holder)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("pid", holder.Pid);
            writer.WriteString("host", holder.Host);
            writer.WriteString("run_id", holder.RunId);
            writer.WriteString("since", holder.Since);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The holder, or null when the document is not an object with the four fields of their types.</summary>
    /// <exception cref="JsonException">The bytes are not JSON.</exception>
    public static LockHolder? Read(Stream utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("pid", out var pid) && pid.ValueKind == JsonValueKind.Number && pid.TryGetInt32(out var id)
            && JsonFields.OptionalString(root, "host") is { } host && JsonFields.OptionalString(root, "run_id") is { } runId
            && root.TryGetProperty("since", out var since) && since.ValueKind == JsonValueKind.String && since.TryGetDateTimeOffset(out var time)
            ? new LockHolder(id, host, runId, time)
            : null;
    }
}
