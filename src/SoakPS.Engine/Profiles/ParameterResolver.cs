using System.Text.Json;
using SoakPS.Engine.Json;
using SoakPS.Engine.Parameters;

namespace SoakPS.Engine.Profiles;

/// <summary>
/// Resolves the parameters to apply: defaults &lt; profile &lt; environment (MM_RUNTIME_OVERRIDES_JSON, merged key by
/// key) &lt; explicit values (-Set). Every value keeps its source; every provided value is validated where it came from,
/// so an error names the source, the key and the reason.
/// </summary>
internal sealed class ParameterResolver
{
    public const string EnvironmentVariable = "MM_RUNTIME_OVERRIDES_JSON";
    public const string ExplicitSource = "explicit values";

    private readonly ProfileStore _profiles;

    public ParameterResolver(ProfileStore profiles) => _profiles = profiles;

    public ResolvedParameters Resolve(string? profileName, IDictionary<string, object?>? explicitValues = null, string? environmentJson = null) =>
        ResolveFor(profileName is null ? null : _profiles.Load(profileName), explicitValues, environmentJson);

    public ResolvedParameters ResolveFor(Profile? profile, IDictionary<string, object?>? explicitValues, string? environmentJson)
    {
        var catalog = profile?.ExtraDefinitions is { Count: > 0 } extra ? _profiles.Catalog.With(extra) : _profiles.Catalog;
        var entries = catalog.Definitions.ToDictionary(d => d.Name,
            d => (Value: d.Default, Source: ParameterSource.Default, Detail: "catalog default"), StringComparer.Ordinal);

        if (profile is not null)
        {
            var where = profile.IsBuiltIn ? $"profile {profile.Name}" : $"profile {profile.Name} ({profile.Path})";
            foreach (var (name, raw) in profile.Parameters)
            {
                var def = catalog[name];
                entries[name] = Accept(def, raw, ParameterSource.Profile, $"profile {profile.Name}", where);
            }
        }

        // An empty variable is how PowerShell unsets one; anything else must be a JSON object.
        if (!string.IsNullOrEmpty(environmentJson))
        {
            foreach (var (name, raw) in ReadEnvironment(environmentJson, catalog))
            {
                entries[name] = Accept(catalog[name], raw, ParameterSource.Environment, EnvironmentVariable, EnvironmentVariable);
            }
        }

        if (explicitValues is not null)
        {
            var given = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in explicitValues)
            {
                var def = FindExplicit(catalog, key);
                // A case-sensitive hashtable can hold one parameter twice in two spellings: which one was meant is unknown.
                if (given.TryGetValue(def.Name, out var first))
                {
                    throw new SoakException("DuplicateExplicitValue", SoakErrorKind.InvalidArgument,
                        $"{ExplicitSource}: '{first}' and '{key}' both set {def.Name}; give it once.", key);
                }
                given[def.Name] = key;
                var raw = ParameterValue.FromObject(value, ExplicitSource, def.Name);
                entries[def.Name] = Accept(def, raw, ParameterSource.Explicit, ExplicitSource, ExplicitSource);
            }
        }

        var details = new List<ResolvedParameter>();
        foreach (var def in catalog.Definitions)
        {
            var (value, source, detail) = entries[def.Name];
            if (!def.InBounds(value)) throw PolicySectionJson.OutOfBounds($"resolved value ({detail})", def, value);
            details.Add(new ResolvedParameter(def.Name, value, def.Unit, source, detail));
        }
        var values = new ParameterSet(details.Select(d => new KeyValuePair<string, decimal>(d.Name, d.Value)));
        return new ResolvedParameters(values, details, profile, catalog, profile?.Policy ?? SoakPolicy.Default);
    }

    /// <summary>Parses MM_RUNTIME_OVERRIDES_JSON: a JSON object whose keys are known parameters with finite numbers.</summary>
    public static IReadOnlyList<KeyValuePair<string, decimal>> ReadEnvironment(string json, ParameterCatalog catalog)
    {
        var document = OverridesFile.ParseJson(json, EnvironmentVariable);
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SoakException("OverridesNotAnObject", SoakErrorKind.InvalidData,
                    $"{EnvironmentVariable} must be a JSON object such as {{\"min_interval_ms\": 75}}, not {root.ValueKind.ToString().ToLowerInvariant()}.",
                    EnvironmentVariable);
            }
            var values = new List<KeyValuePair<string, decimal>>();
            foreach (var property in root.EnumerateObject())
            {
                if (!catalog.TryGet(property.Name, out _))
                {
                    throw new SoakException("UnknownParameter", SoakErrorKind.InvalidData,
                        $"{EnvironmentVariable}: unknown parameter '{property.Name}'.{catalog.Suggest(property.Name)}", property.Name);
                }
                values.Add(new(property.Name, ParameterValue.FromJson(property.Value, EnvironmentVariable, property.Name)));
            }
            return values;
        }
    }

    private static ParameterDefinition FindExplicit(ParameterCatalog catalog, string key)
    {
        // PowerShell hashtable keys are case-insensitive, so -Set keys are too; the property names of the output
        // objects (MinIntervalMs) name the same parameters (min_interval_ms).
        if (catalog.TryGet(key, out var exact)) return exact;
        var snake = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(key);
        var match = catalog.Definitions.FirstOrDefault(d => string.Equals(d.Name, key, StringComparison.OrdinalIgnoreCase))
            ?? catalog.Definitions.FirstOrDefault(d => string.Equals(d.Name, snake, StringComparison.Ordinal));
        return match ?? throw new SoakException("UnknownParameter", SoakErrorKind.InvalidArgument,
            $"{ExplicitSource}: unknown parameter '{key}'.{catalog.Suggest(key)}", key);
    }

    private static (decimal Value, ParameterSource Source, string Detail) Accept(ParameterDefinition def, decimal raw, ParameterSource source, string detail, string where)
    {
        if (!def.InBounds(raw)) throw PolicySectionJson.OutOfBounds(where, def, raw);
        var rounded = def.Round(raw);
        return rounded == raw
            ? (rounded, source, detail)
            : (rounded, source, $"{detail} ({JsonNumbers.Format(raw)} rounded to {JsonNumbers.Format(rounded)})");
    }
}
