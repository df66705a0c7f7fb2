using System.Text.Json;

namespace SoakPS.Engine.Json;

/// <summary>
/// The one rule for JSON that users or bots hand us (edge reports, profiles and their policy, the live overrides
/// file, the environment): a key may appear once per object. System.Text.Json keeps the last of two equal keys
/// silently, so a document with both would mean whatever the last writer happened to put second.
/// </summary>
internal static class StrictJson
{
    /// <summary>Parses <paramref name="text"/> and refuses a repeated key at any depth with a <see cref="DuplicateJsonKeyException"/>.</summary>
    public static JsonDocument Parse(string text, JsonDocumentOptions options = default)
    {
        var document = JsonDocument.Parse(text, options);
        try
        {
            RequireUniqueKeys(document.RootElement);
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>Throws when any object in <paramref name="element"/> holds the same key twice (ordinal comparison).</summary>
    public static void RequireUniqueKeys(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var child = $"{path}.{property.Name}";
                    if (!seen.Add(property.Name))
                    {
                        throw new DuplicateJsonKeyException(property.Name, path);
                    }
                    RequireUniqueKeys(property.Value, child);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    RequireUniqueKeys(item, $"{path}[{index++}]");
                }
                break;
        }
    }
}

/// <summary>A JSON object that names the same key twice: refused everywhere, because which value was meant is unknown.</summary>
internal sealed class DuplicateJsonKeyException : JsonException
{
    public DuplicateJsonKeyException(string key, string objectPath)
        : base($"the key '{key}' appears more than once in {objectPath}; each key may appear once", objectPath, null, null)
    {
        Key = key;
        ObjectPath = objectPath;
    }

    public string Key { get; }

    public string ObjectPath { get; }
}
