using System.Text.Json;
using SoakPS.Engine.Json;
using SoakPS.Engine.Kpi;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;
using SoakPS.Engine.Sources.Simulation;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Profiles;

/// <summary>
/// Reads and writes one user profile file: the old flat map <c>{"min_interval_ms": 75}</c>, or
/// <c>{"description", "parameters": {…}, "policy": {"kpi", "guards", "bounds", "rules", "simulator", "tuner"}}</c>. Every error names the file,
/// the key and the reason.
/// </summary>
internal static class ProfileFile
{
    private static readonly string[] TopLevelKeys = { "description", "parameters", "policy" };
    private static readonly string[] PolicyKeys = { "kpi", "guards", "bounds", "rules", "simulator", "tuner" };

    public static Profile Parse(string name, string json, string path, ParameterCatalog catalog)
    {
        JsonDocument document;
        try
        {
            document = StrictJson.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (DuplicateJsonKeyException e)
        {
            throw PolicySectionJson.Invalid(path, e.Key, $"appears more than once in {e.ObjectPath}");
        }
        catch (JsonException e)
        {
            throw PolicySectionJson.Invalid(path, null, $"is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw PolicySectionJson.Invalid(path, null, $"must hold a JSON object, not {root.ValueKind.ToString().ToLowerInvariant()}");
            }
            var structured = root.EnumerateObject().Any(p => p.Name is "parameters" or "policy" or "description");
            if (!structured)
            {
                return new Profile(name, "Flat parameter map (older tool format).", ReadValues(root, path, catalog), false, path);
            }

            PolicySectionJson.CheckKeys(root, TopLevelKeys, path, null);
            var description = string.Empty;
            if (root.TryGetProperty("description", out var d))
            {
                description = d.ValueKind == JsonValueKind.String ? d.GetString()! : throw PolicySectionJson.Invalid(path, "description", "must be a string");
            }

            var policy = SoakPolicy.Default;
            var definitions = new List<ParameterDefinition>();
            var effective = catalog;
            if (root.TryGetProperty("policy", out var p))
            {
                if (p.ValueKind != JsonValueKind.Object) throw PolicySectionJson.Invalid(path, "policy", "must be an object");
                PolicySectionJson.CheckKeys(p, PolicyKeys, path, "policy");
                if (p.TryGetProperty("bounds", out var bounds))
                {
                    definitions.AddRange(BoundsPolicyFile.Read(bounds, path, catalog));
                    effective = catalog.With(definitions);
                }
                if (p.TryGetProperty("kpi", out var kpi))
                {
                    policy = policy with { Kpi = PolicySectionJson.ReadRecord<KpiPolicy>(kpi, path, "policy.kpi") };
                }
                if (p.TryGetProperty("guards", out var guards))
                {
                    policy = policy with { Guards = GuardPolicyFile.Read(guards, path, effective) };
                }
                if (p.TryGetProperty("rules", out var rules))
                {
                    policy = policy with { Rules = RulesPolicyFile.Read(rules, path, effective) };
                }
                if (p.TryGetProperty("simulator", out var simulator))
                {
                    policy = policy with { Simulator = SimulatorPolicyFile.Read(simulator, path) };
                }
                if (p.TryGetProperty("tuner", out var tuner))
                {
                    policy = policy with { Tuner = TunerPolicyFile.Read(tuner, path, effective) };
                }
            }

            var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
            if (root.TryGetProperty("parameters", out var parameters))
            {
                if (parameters.ValueKind != JsonValueKind.Object) throw PolicySectionJson.Invalid(path, "parameters", "must be an object");
                values = ReadValues(parameters, path, effective);
            }
            return new Profile(name, description, values, false, path, policy, definitions.Count == 0 ? null : definitions);
        }
    }

    /// <summary>The structured form: description, canonical parameter values, catalog overrides and the policy.</summary>
    public static string Serialize(Profile profile)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("description", profile.Description);
            writer.WritePropertyName("parameters");
            new ParameterSet(profile.Parameters).WriteTo(writer);
            var hasBounds = profile.ExtraDefinitions is { Count: > 0 };
            if (hasBounds || profile.Policy is not null)
            {
                writer.WriteStartObject("policy");
                if (hasBounds)
                {
                    writer.WriteStartObject("bounds");
                    foreach (var def in profile.ExtraDefinitions!)
                    {
                        writer.WriteStartObject(def.Name);
                        writer.WritePropertyName("min"); JsonNumbers.WriteDecimal(writer, def.Min);
                        writer.WritePropertyName("max"); JsonNumbers.WriteDecimal(writer, def.Max);
                        writer.WritePropertyName("default"); JsonNumbers.WriteDecimal(writer, def.Default);
                        writer.WriteNumber("decimals", def.Decimals);
                        writer.WriteString("unit", def.Unit);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndObject();
                }
                if (profile.Policy is { } policy)
                {
                    writer.WritePropertyName("kpi");
                    JsonSerializer.Serialize(writer, policy.Kpi, SoakJson.Options);
                    writer.WritePropertyName("guards");
                    JsonSerializer.Serialize(writer, policy.Guards, SoakJson.Options);
                    writer.WritePropertyName("rules");
                    JsonSerializer.Serialize(writer, policy.Rules.Rules, SoakJson.Options);
                    if (!ReferenceEquals(policy.Simulator, MarketModel.Default))
                    {
                        writer.WritePropertyName("simulator");
                        SimulatorPolicyFile.Write(writer, policy.Simulator);
                    }
                    if (!ReferenceEquals(policy.Tuner, TunerPolicy.Default))
                    {
                        writer.WritePropertyName("tuner");
                        TunerPolicyFile.Write(writer, policy.Tuner);
                    }
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static Dictionary<string, decimal> ReadValues(JsonElement obj, string path, ParameterCatalog catalog)
    {
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            if (!catalog.TryGet(property.Name, out var def))
            {
                throw new SoakException("UnknownParameter", SoakErrorKind.InvalidData,
                    $"{path}: unknown parameter '{property.Name}'.{catalog.Suggest(property.Name)} " +
                    "A profile may add a parameter only together with its bounds in policy.bounds.", property.Name);
            }
            var value = ParameterValue.FromJson(property.Value, path, property.Name);
            if (!def.InBounds(value))
            {
                throw PolicySectionJson.OutOfBounds(path, def, value);
            }
            values[def.Name] = value;
        }
        return values;
    }
}
