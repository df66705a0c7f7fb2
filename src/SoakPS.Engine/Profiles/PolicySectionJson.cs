using System.Text.Json;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Profiles;

/// <summary>
/// What every policy section of a profile file is read with: a record with known keys, finite numbers and ranged
/// settings; non-empty arrays of objects; and the errors that name the file, the key and the reason.
/// </summary>
internal static class PolicySectionJson
{
    internal static T ReadRecord<T>(JsonElement element, string path, string key) where T : new()
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
