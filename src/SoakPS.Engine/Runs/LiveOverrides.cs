using System.Text.Json;
using SoakPS.Engine.Artifacts;
using SoakPS.Engine.Parameters;

namespace SoakPS.Engine.Runs;

/// <summary>Reads and validates runtime_overrides.json for the state guard: every parameter present, numeric, in bounds.</summary>
public static class LiveOverrides
{
    public sealed record ReadResult(ParameterSet? Values, string? Problem)
    {
        public bool IsValid => Values is not null;
    }

    public static ReadResult Read(string path, ParameterCatalog catalog)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException) { return new(null, "missing"); }
        catch (DirectoryNotFoundException) { return new(null, "missing"); }
        catch (IOException e) { return new(null, "unreadable: " + e.Message); }
        return Parse(text, catalog);
    }

    public static ReadResult Parse(string text, ParameterCatalog catalog)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return new(null, "not valid JSON: " + e.Message);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(null, "not a JSON object");
            }
            var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!catalog.TryGet(property.Name, out var definition))
                {
                    return new(null, $"unknown parameter '{property.Name}'");
                }
                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDecimal(out var value))
                {
                    return new(null, $"'{property.Name}' is not a number");
                }
                if (!definition.InBounds(value))
                {
                    return new(null, $"'{property.Name}' = {value} is outside {definition.Min}..{definition.Max}");
                }
                values[property.Name] = value;
            }
            var missing = catalog.Names.Where(n => !values.ContainsKey(n)).ToArray();
            return missing.Length > 0
                ? new(null, "missing " + string.Join(", ", missing))
                : new(new ParameterSet(values), null);
        }
    }

    public static void Write(string path, ParameterSet values) => AtomicFile.WriteAllText(path, values.ToCanonicalJson() + "\n");
}
