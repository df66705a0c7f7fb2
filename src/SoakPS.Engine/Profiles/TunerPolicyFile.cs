using System.Text.Json;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Profiles;

/// <summary>
/// A profile's <c>policy.tuner</c>: <c>{"name": "regime"|"rules", "classes": [{"name", "when": [conditions], "preset": {…},
/// "evidence": {…}}]}</c>. Classes run from the calmest to the most defensive; every class but the last needs conditions;
/// a preset is a whole point (every parameter, in bounds). Checked fully at load, so a bad preset never reaches a run.
/// </summary>
internal static class TunerPolicyFile
{
    private const string Key = "policy.tuner";
    private static readonly string[] Keys = { "name", "classes" };
    private static readonly string[] ClassKeys = { "name", "when", "preset", "evidence" };
    private static readonly string[] EvidenceKeys = typeof(PresetEvidence).GetProperties().Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).ToArray();

    public static TunerPolicy Read(JsonElement element, string path, ParameterCatalog catalog)
    {
        if (element.ValueKind != JsonValueKind.Object) throw PolicySectionJson.Invalid(path, Key, "must be an object");
        PolicySectionJson.CheckKeys(element, Keys, path, Key);
        var policy = TunerPolicy.Default;
        if (element.TryGetProperty("name", out var n))
        {
            var name = n.ValueKind == JsonValueKind.String ? n.GetString()! : throw PolicySectionJson.Invalid(path, Key + ".name", "must be a string");
            if (!Tuners.IsKnown(name)) throw PolicySectionJson.Invalid(path, Key + ".name", $"must be one of {string.Join(", ", Tuners.Names)}, not '{name}'");
            policy = policy with { Name = name };
        }
        if (!element.TryGetProperty("classes", out var classes))
        {
            return policy;
        }
        if (classes.ValueKind != JsonValueKind.Array || classes.GetArrayLength() == 0) throw PolicySectionJson.Invalid(path, Key + ".classes", "must be a non-empty array");
        var read = PolicySectionJson.ReadArray(element, "classes", path, Key, (c, key) => ReadClass(c, path, key, catalog));
        for (var i = 0; i < read.Count; i++)
        {
            if (i < read.Count - 1 && read[i].When.Count == 0) throw PolicySectionJson.Invalid(path, $"{Key}.classes[{i}].when", "must hold conditions: only the last class takes every other window");
            if (read.Take(i).Any(c => c.Name == read[i].Name)) throw PolicySectionJson.Invalid(path, $"{Key}.classes[{i}].name", $"'{read[i].Name}' names two classes");
        }
        return policy with { Classes = read };
    }

    private static RegimeClass ReadClass(JsonElement c, string path, string key, ParameterCatalog catalog)
    {
        PolicySectionJson.CheckKeys(c, ClassKeys, path, key);
        var name = c.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : throw PolicySectionJson.Invalid(path, key + ".name", "must be a string");
        if (!Files.SafeName.IsValid(name)) throw PolicySectionJson.Invalid(path, key + ".name", "must be a name of letters, digits, '-', '_' or '.'");
        var when = new List<RuleCondition>();
        if (c.TryGetProperty("when", out var w))
        {
            if (w.ValueKind != JsonValueKind.Array) throw PolicySectionJson.Invalid(path, key + ".when", "must be an array of conditions");
            var i = 0;
            foreach (var condition in w.EnumerateArray())
            {
                var conditionKey = $"{key}.when[{i++}]";
                if (condition.ValueKind != JsonValueKind.Object) throw PolicySectionJson.Invalid(path, conditionKey, "must be an object");
                when.Add(RulesPolicyFile.ReadCondition(condition, path, conditionKey));
            }
        }
        if (!c.TryGetProperty("preset", out var p) || p.ValueKind != JsonValueKind.Object) throw PolicySectionJson.Invalid(path, key + ".preset", "must be an object of parameter values");
        var preset = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var property in p.EnumerateObject())
        {
            if (!catalog.TryGet(property.Name, out var definition))
            {
                throw new SoakException("UnknownParameter", SoakErrorKind.InvalidData, $"{path}: {key}.preset names unknown parameter '{property.Name}'.{catalog.Suggest(property.Name)}", property.Name);
            }
            var value = ParameterValue.FromJson(property.Value, path, $"{key}.preset.{property.Name}");
            if (!definition.InBounds(value)) throw PolicySectionJson.OutOfBounds(path, definition, value, $"{key}.preset.{property.Name}");
            preset[property.Name] = value;
        }
        if (catalog.Definitions.Select(d => d.Name).FirstOrDefault(d => !preset.ContainsKey(d)) is { } missing)
        {
            throw PolicySectionJson.Invalid(path, key + ".preset", $"lacks {missing}: a preset is a whole point, every parameter set");
        }
        PresetEvidence? evidence = null;
        if (c.TryGetProperty("evidence", out var e))
        {
            if (e.ValueKind != JsonValueKind.Object) throw PolicySectionJson.Invalid(path, key + ".evidence", "must be an object");
            PolicySectionJson.CheckKeys(e, EvidenceKeys, path, key + ".evidence");
            try
            {
                evidence = e.Deserialize<PresetEvidence>(SoakJson.Options);
            }
            catch (Exception x) when (x is JsonException or InvalidOperationException or FormatException)
            {
                throw PolicySectionJson.Invalid(path, key + ".evidence", $"has a value of the wrong type: {x.Message}");
            }
        }
        return new RegimeClass(name, when, preset) { Evidence = evidence };
    }

    public static void Write(Utf8JsonWriter writer, TunerPolicy policy)
    {
        writer.WriteStartObject();
        writer.WriteString("name", policy.Name);
        writer.WriteStartArray("classes");
        foreach (var c in policy.Classes)
        {
            writer.WriteStartObject();
            writer.WriteString("name", c.Name);
            writer.WritePropertyName("when");
            JsonSerializer.Serialize(writer, c.When, SoakJson.Options);
            writer.WritePropertyName("preset");
            new ParameterSet(c.Preset).WriteTo(writer);
            if (c.Evidence is { } evidence)
            {
                writer.WritePropertyName("evidence");
                JsonSerializer.Serialize(writer, evidence, SoakJson.Options);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
