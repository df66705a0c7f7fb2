using System.Text.Json;
using SoakPS.Engine.Files;
using SoakPS.Engine.Guards;
using SoakPS.Engine.Json;
using SoakPS.Engine.Kpi;
using SoakPS.Engine.Metrics;
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
internal static partial class ProfileFile
{
    /// <summary>What a parameter a profile adds may be called: it becomes a JSON key, a metric label and a report column.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial System.Text.RegularExpressions.Regex ParameterName();

    private static readonly string[] TopLevelKeys = { "description", "parameters", "policy" };
    private static readonly string[] PolicyKeys = { "kpi", "guards", "bounds", "rules", "simulator", "tuner" };
    private static readonly string[] BoundKeys = { "min", "max", "default", "decimals", "unit" };
    private static readonly string[] RuleKeys = { "name", "when", "changes", "consecutive" };
    private static readonly string[] ConditionKeys = { "metric", "op", "value" };
    private static readonly string[] StepKeys = { "parameter", "step", "limit" };
    private static readonly string[] Operators = { ">", ">=", "<", "<=" };

    public static Profile Parse(string name, string json, string path, ParameterCatalog catalog)
    {
        JsonDocument document;
        try
        {
            document = StrictJson.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (DuplicateJsonKeyException e)
        {
            throw Invalid(path, e.Key, $"appears more than once in {e.ObjectPath}");
        }
        catch (JsonException e)
        {
            throw Invalid(path, null, $"is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, null, $"must hold a JSON object, not {root.ValueKind.ToString().ToLowerInvariant()}");
            }
            var structured = root.EnumerateObject().Any(p => p.Name is "parameters" or "policy" or "description");
            if (!structured)
            {
                return new Profile(name, "Flat parameter map (older tool format).", ReadValues(root, path, catalog), false, path);
            }

            CheckKeys(root, TopLevelKeys, path, null);
            var description = string.Empty;
            if (root.TryGetProperty("description", out var d))
            {
                description = d.ValueKind == JsonValueKind.String ? d.GetString()! : throw Invalid(path, "description", "must be a string");
            }

            var policy = SoakPolicy.Default;
            var definitions = new List<ParameterDefinition>();
            var effective = catalog;
            if (root.TryGetProperty("policy", out var p))
            {
                if (p.ValueKind != JsonValueKind.Object) throw Invalid(path, "policy", "must be an object");
                CheckKeys(p, PolicyKeys, path, "policy");
                if (p.TryGetProperty("bounds", out var bounds))
                {
                    definitions.AddRange(ReadBounds(bounds, path, catalog));
                    effective = catalog.With(definitions);
                }
                if (p.TryGetProperty("kpi", out var kpi))
                {
                    policy = policy with { Kpi = ReadRecord<KpiPolicy>(kpi, path, "policy.kpi") };
                }
                if (p.TryGetProperty("guards", out var guards))
                {
                    policy = policy with { Guards = ReadGuards(guards, path, effective) };
                }
                if (p.TryGetProperty("rules", out var rules))
                {
                    policy = policy with { Rules = ReadRules(rules, path, effective) };
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
                if (parameters.ValueKind != JsonValueKind.Object) throw Invalid(path, "parameters", "must be an object");
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
                throw OutOfBounds(path, def, value);
            }
            values[def.Name] = value;
        }
        return values;
    }

    private static IEnumerable<ParameterDefinition> ReadBounds(JsonElement bounds, string path, ParameterCatalog catalog)
    {
        if (bounds.ValueKind != JsonValueKind.Object) throw Invalid(path, "policy.bounds", "must be an object");
        foreach (var property in bounds.EnumerateObject())
        {
            var key = $"policy.bounds.{property.Name}";
            var b = property.Value;
            if (b.ValueKind != JsonValueKind.Object) throw Invalid(path, key, "must be an object with min and max");
            CheckKeys(b, BoundKeys, path, key);
            if (!b.TryGetProperty("min", out var minElement) || !b.TryGetProperty("max", out var maxElement))
            {
                throw Invalid(path, key, "needs both min and max");
            }
            var min = ParameterValue.FromJson(minElement, path, key + ".min");
            var max = ParameterValue.FromJson(maxElement, path, key + ".max");
            if (min >= max) throw Invalid(path, key, $"min ({min}) must be below max ({max})");
            var known = catalog.TryGet(property.Name, out var existing);
            if (!known && !ParameterName().IsMatch(property.Name))
            {
                throw Invalid(path, key, "is not a parameter name (a lowercase letter, then lowercase letters, digits and '_', at most 64)");
            }
            if (known && (min < existing.Min || max > existing.Max))
            {
                // Profiles may narrow the catalog's safe range, never widen it.
                throw new SoakException("ParameterOutOfBounds", SoakErrorKind.InvalidData,
                    $"{path}: {key} [{min}, {max}] widens the catalog bounds [{existing.Min}, {existing.Max}]; a profile may only narrow them.",
                    property.Name);
            }
            var decimals = known ? existing.Decimals : 4;
            if (b.TryGetProperty("decimals", out var dec))
            {
                if (dec.ValueKind != JsonValueKind.Number || !dec.TryGetInt32(out decimals) || decimals is < 0 or > 10)
                {
                    throw Invalid(path, key + ".decimals", "must be an integer from 0 to 10");
                }
            }
            var unit = known ? existing.Unit : string.Empty;
            if (b.TryGetProperty("unit", out var u))
            {
                unit = u.ValueKind == JsonValueKind.String ? u.GetString()! : throw Invalid(path, key + ".unit", "must be a string");
            }
            decimal fallback = known ? Math.Min(max, Math.Max(min, existing.Default)) : min;
            var @default = b.TryGetProperty("default", out var de) ? ParameterValue.FromJson(de, path, key + ".default") : fallback;
            if (@default < min || @default > max) throw Invalid(path, key + ".default", $"{@default} lies outside [{min}, {max}]");
            yield return new ParameterDefinition(property.Name, unit, @default, min, max, decimals, known ? existing.SaferDirection : 0);
        }
    }

    private static T ReadRecord<T>(JsonElement element, string path, string key) where T : new()
    {
        if (element.ValueKind != JsonValueKind.Object) throw Invalid(path, key, "must be an object");
        var known = typeof(T).GetProperties().Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).ToArray();
        CheckKeys(element, known, path, key);
        foreach (var property in element.EnumerateObject())
        {
            CheckFinite(property.Value, path, $"{key}.{property.Name}");
        }
        T record;
        try
        {
            record = element.Deserialize<T>(SoakJson.Options) ?? new T();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw Invalid(path, key, $"has a value of the wrong type: {e.Message}");
        }
        foreach (var property in typeof(T).GetProperties())
        {
            if (PolicyRange(property.Name, property.PropertyType) is not { } range)
            {
                continue;
            }
            // Checked at load with ranges, so a number at a type's limit never overflows a guard window mid-run.
            var value = Convert.ToDouble(property.GetValue(record)!, System.Globalization.CultureInfo.InvariantCulture);
            if (value < (double)range.Min || value > (double)range.Max)
            {
                throw Invalid(path, $"{key}.{JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name)}", $"must be from {range.Min} to {range.Max}, not {value}");
            }
        }
        return record;
    }

    /// <summary>The accepted range of a numeric policy setting; null for what is not a number.</summary>
    private static (decimal Min, decimal Max)? PolicyRange(string name, Type type) => name switch
    {
        // A window or streak of zero would disable the guard or verdict silently; beyond these a run never ends.
        "RunVerdictWindow" or "PanicFailStreak" or "FreezeAfterIterations" => (1, MaxIterationsSetting),
        "VelocityWindowMinutes" => (1, 7 * 24 * 60),
        "FailRiskRatioAbove" or "WarnRiskRatioAbove" or "FreezeRiskRatioMax" or "OscillationTolerance" => (0, 1),
        "FailP95LatencyMsAbove" or "WarnP95LatencyMsAbove" or "WarnAdverseBpsP95Above" or "WarnSlippageBpsP95Above" or "WarnMakerTakerRatioBelow" => (0, 1_000_000),
        "CooldownSizeThreshold" => (0, 1_000),
        _ when type == typeof(int) => (0, MaxIterationsSetting),
        _ when type == typeof(double) || type == typeof(decimal) => (-1_000_000, 1_000_000),
        _ => null,
    };

    private const decimal MaxIterationsSetting = 100_000;

    private static GuardPolicy ReadGuards(JsonElement element, string path, ParameterCatalog catalog)
    {
        var guards = ReadRecord<GuardPolicy>(element, path, "policy.guards");
        if (guards.PanicTarget != "last_good" && !SafeName.IsValid(guards.PanicTarget))
        {
            throw Invalid(path, "policy.guards.panic_target", "must be a profile name or \"last_good\"");
        }
        if (element.TryGetProperty("velocity_limits", out _))
        {
            // A partial map adds to the defaults instead of silently dropping the other parameters' limits.
            var merged = new Dictionary<string, decimal>(new GuardPolicy().VelocityLimits, StringComparer.Ordinal);
            foreach (var (name, limit) in guards.VelocityLimits)
            {
                if (!catalog.TryGet(name, out _))
                {
                    throw new SoakException("UnknownParameter", SoakErrorKind.InvalidData,
                        $"{path}: policy.guards.velocity_limits names unknown parameter '{name}'.{catalog.Suggest(name)}", name);
                }
                if (limit <= 0 || limit > 1_000_000) throw Invalid(path, $"policy.guards.velocity_limits.{name}", "must be positive and at most 1000000");
                merged[name] = limit;
            }
            guards = guards with { VelocityLimits = merged };
        }
        foreach (var name in guards.FreezeParameters)
        {
            if (!catalog.TryGet(name, out _))
            {
                throw new SoakException("UnknownParameter", SoakErrorKind.InvalidData,
                    $"{path}: policy.guards.freeze_parameters names unknown parameter '{name}'.{catalog.Suggest(name)}", name);
            }
        }
        return guards;
    }

    private static RuleSet ReadRules(JsonElement element, string path, ParameterCatalog catalog)
    {
        if (element.ValueKind != JsonValueKind.Array) throw Invalid(path, "policy.rules", "must be an array of rules");
        var rules = new List<TuningRule>();
        var index = 0;
        foreach (var r in element.EnumerateArray())
        {
            var key = $"policy.rules[{index++}]";
            if (r.ValueKind != JsonValueKind.Object) throw Invalid(path, key, "must be an object");
            CheckKeys(r, RuleKeys, path, key);
            var name = r.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 } s
                ? s : throw Invalid(path, key + ".name", "must be a non-empty string");
            var when = ReadArray(r, "when", path, key, (c, ck) => ReadCondition(c, path, ck));
            var changes = ReadArray(r, "changes", path, key, (c, ck) =>
            {
                CheckKeys(c, StepKeys, path, ck);
                var parameter = c.TryGetProperty("parameter", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : throw Invalid(path, ck + ".parameter", "must be a string");
                if (!catalog.TryGet(parameter, out var def))
                {
                    throw new SoakException("UnknownParameter", SoakErrorKind.InvalidData, $"{path}: {ck} changes unknown parameter '{parameter}'.{catalog.Suggest(parameter)}", parameter);
                }
                if (!c.TryGetProperty("step", out var st) || !c.TryGetProperty("limit", out var li)) throw Invalid(path, ck, "needs step and limit");
                var step = ParameterValue.FromJson(st, path, ck + ".step");
                var limit = ParameterValue.FromJson(li, path, ck + ".limit");
                if (step == 0) throw Invalid(path, ck + ".step", "must not be zero");
                if (!def.InBounds(limit)) throw OutOfBounds(path, def, limit, ck + ".limit");
                return new RuleStep(parameter, step, limit);
            });
            var consecutive = 1;
            if (r.TryGetProperty("consecutive", out var cons) && (cons.ValueKind != JsonValueKind.Number || !cons.TryGetInt32(out consecutive) || consecutive < 1))
            {
                throw Invalid(path, key + ".consecutive", "must be a positive integer");
            }
            rules.Add(new TuningRule(name, when, changes, consecutive));
        }
        return new RuleSet(rules);
    }

    /// <summary>One condition of a rule or a regime class: {"metric", "op", "value"}.</summary>
    internal static RuleCondition ReadCondition(JsonElement c, string path, string key)
    {
        CheckKeys(c, ConditionKeys, path, key);
        var metric = c.TryGetProperty("metric", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : throw Invalid(path, key + ".metric", "must be a string");
        if (!MetricCatalog.TryFind(metric, out _)) throw Invalid(path, key + ".metric", $"unknown metric '{metric}'.{NameSuggestion.For(metric, MetricCatalog.Names)}");
        var op = c.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : throw Invalid(path, key + ".op", "must be a string");
        if (!Operators.Contains(op)) throw Invalid(path, key + ".op", $"'{op}' is not one of >, >=, <, <=");
        if (!c.TryGetProperty("value", out var v)) throw Invalid(path, key + ".value", "is missing");
        return new RuleCondition(metric, op, (double)ParameterValue.FromJson(v, path, key + ".value"));
    }

    internal static List<T> ReadArray<T>(JsonElement rule, string property, string path, string key, Func<JsonElement, string, T> read)
    {
        if (!rule.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw Invalid(path, $"{key}.{property}", "must be a non-empty array");
        }
        var items = new List<T>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemKey = $"{key}.{property}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object) throw Invalid(path, itemKey, "must be an object");
            items.Add(read(item, itemKey));
        }
        return items;
    }

    internal static void CheckKeys(JsonElement obj, IReadOnlyCollection<string> known, string path, string? where)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                var key = where is null ? property.Name : $"{where}.{property.Name}";
                throw Invalid(path, key, $"is not a known setting.{NameSuggestion.For(property.Name, known)}");
            }
        }
    }

    internal static void CheckFinite(JsonElement value, string path, string key)
    {
        if (value.ValueKind == JsonValueKind.Number && !(value.TryGetDouble(out var d) && double.IsFinite(d)))
        {
            throw new SoakException("ParameterNotFinite", SoakErrorKind.InvalidData, $"{path}: '{key}' must be a finite number, not {value.GetRawText()}.", key);
        }
        if (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().TrimStart('-', '+').ToLowerInvariant() is "nan" or "infinity")
        {
            throw new SoakException("ParameterNotFinite", SoakErrorKind.InvalidData, $"{path}: '{key}' must be a finite number, not \"{value.GetString()}\".", key);
        }
    }

    internal static SoakException OutOfBounds(string source, ParameterDefinition def, decimal value, string? key = null) =>
        new("ParameterOutOfBounds", SoakErrorKind.InvalidData,
            $"{source}: '{key ?? def.Name}' = {Json.JsonNumbers.Format(value)} is outside the bounds of {def.Name} [{Json.JsonNumbers.Format(def.Min)}, {Json.JsonNumbers.Format(def.Max)}] {def.Unit}.".TrimEnd(),
            def.Name);

    internal static SoakException Invalid(string path, string? key, string reason) =>
        new("InvalidProfileFile", SoakErrorKind.InvalidData,
            key is null ? $"Profile file '{path}' {reason}." : $"Profile file '{path}': '{key}' {reason}.", path);
}
