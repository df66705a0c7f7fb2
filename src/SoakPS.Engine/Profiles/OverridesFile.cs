using System.Text.Json;
using SoakPS.Engine.Files;
using SoakPS.Engine.Json;
using SoakPS.Engine.Parameters;

namespace SoakPS.Engine.Profiles;

/// <summary>What reading runtime_overrides.json found: the values when valid, otherwise the reason and its ErrorId.</summary>
internal sealed record OverridesReadResult(bool Exists, ParameterSet? Values, string? ErrorId, string? Reason)
{
    public bool IsValid => Values is not null;
}

/// <summary>
/// runtime_overrides.json, the one live parameter file the bot reads: a flat map of every parameter, written
/// atomically with canonical values. Reading validates it without throwing, for the runner's state-validation guard.
/// </summary>
internal sealed class OverridesFile
{
    public OverridesFile(ArtifactLayout layout) => Path = layout.RuntimeOverrides;

    public string Path { get; }

    public bool Exists => File.Exists(Path);

    /// <summary>A live file of a few parameters is a few hundred bytes; anything near this is not one.</summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>Writes without the lock or a journal record: only for tests that play an editor. Writers use <see cref="Journal.OverridesGateway"/>.</summary>
    internal void Write(ParameterSet values) => AtomicFile.WriteAllBytes(Path, Serialize(values));

    /// <summary>Writes the new content next to the live file (durably) and returns its path, for the gateway to rename into place.</summary>
    internal string Stage(ParameterSet values) => AtomicFile.Stage(Path, Serialize(values));

    /// <summary>The file's exact content for <paramref name="values"/>: a file that holds these bytes holds these values.</summary>
    internal static byte[] Serialize(ParameterSet values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            values.WriteTo(writer);
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Refuses values that must never reach the live file: a missing or unknown parameter, a value outside its bounds.</summary>
    public static void Validate(ParameterSet values, ParameterCatalog catalog, string source)
    {
        foreach (var (name, value) in values.Values)
        {
            if (!catalog.TryGet(name, out var def))
            {
                throw new SoakException("UnknownParameter", SoakErrorKind.InvalidData, $"{source}: unknown parameter '{name}'.{catalog.Suggest(name)}", name);
            }
            if (!def.InBounds(value)) throw PolicySectionJson.OutOfBounds(source, def, value);
        }
        var missing = catalog.Names.Where(n => !values.TryGet(n, out _)).ToArray();
        if (missing.Length > 0)
        {
            throw new SoakException("OverridesIncomplete", SoakErrorKind.InvalidData, $"{source} lacks {string.Join(", ", missing)}.", source);
        }
    }

    public OverridesReadResult Read(ParameterCatalog catalog) => Read(catalog, null);

    /// <param name="known">
    /// Values the caller wrote or validated before: a file holding exactly their bytes is not parsed again.
    /// </param>
    public OverridesReadResult Read(ParameterCatalog catalog, ParameterSet? known)
    {
        string text;
        try
        {
            var buffer = new byte[1024];
            var content = InputFile.ReadBytes(Path, ref buffer, MaxBytes);
            if (known is not null && content.SequenceEqual(Serialize(known)))
            {
                return new(true, known, null, null);
            }
            text = InputText.Decode(content, Path);
        }
        catch (FileNotFoundException)
        {
            return new(false, null, "OverridesFileMissing", $"'{Path}' does not exist.");
        }
        catch (SoakException e)
        {
            return new(true, null, e.ErrorId, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(true, null, "OverridesFileUnreadable", $"'{Path}' could not be read: {e.Message}");
        }
        try
        {
            return new(true, Parse(text, Path, catalog), null, null);
        }
        catch (SoakException e)
        {
            return new(true, null, e.ErrorId, e.Message);
        }
    }

    /// <summary>The JSON of a flat map (a file's, or the environment variable's), refused with an error that names <paramref name="source"/>.</summary>
    /// <exception cref="SoakException">DuplicateJsonKey, InvalidOverridesJson.</exception>
    internal static JsonDocument ParseJson(string text, string source)
    {
        try
        {
            return StrictJson.Parse(text);
        }
        catch (DuplicateJsonKeyException e)
        {
            throw new SoakException("DuplicateJsonKey", SoakErrorKind.InvalidData, $"{source}: {e.Message}.", e.Key);
        }
        catch (JsonException e)
        {
            throw new SoakException("InvalidOverridesJson", SoakErrorKind.InvalidData, $"{source} is not valid JSON: {e.Message}", source);
        }
    }

    /// <summary>Validates a complete flat map: JSON object, every catalog parameter present, numeric, finite, in bounds.</summary>
    public static ParameterSet Parse(string text, string source, ParameterCatalog catalog)
    {
        var document = ParseJson(text, source);
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SoakException("OverridesNotAnObject", SoakErrorKind.InvalidData,
                    $"{source} must hold a JSON object of parameters, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.", source);
            }
            var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!catalog.TryGet(property.Name, out var def))
                {
                    throw new SoakException("UnknownParameter", SoakErrorKind.InvalidData, $"{source}: unknown parameter '{property.Name}'.{catalog.Suggest(property.Name)}", property.Name);
                }
                var value = ParameterValue.FromJson(property.Value, source, property.Name);
                if (!def.InBounds(value)) throw PolicySectionJson.OutOfBounds(source, def, value);
                values[property.Name] = value;
            }
            var missing = catalog.Names.Where(n => !values.ContainsKey(n)).ToArray();
            if (missing.Length > 0)
            {
                throw new SoakException("OverridesIncomplete", SoakErrorKind.InvalidData, $"{source} lacks {string.Join(", ", missing)}.", source);
            }
            return new ParameterSet(values);
        }
    }
}
