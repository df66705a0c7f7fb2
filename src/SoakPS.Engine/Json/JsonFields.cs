using System.Text.Json;

namespace SoakPS.Engine.Json;

/// <summary>Reading optional fields of our own small JSON files (snapshots, soak.lock) by their JSON type.</summary>
internal static class JsonFields
{
    /// <summary>The property's string, or null when it is missing or not a string.</summary>
    public static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
