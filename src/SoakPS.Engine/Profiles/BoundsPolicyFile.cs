using System.Text.Json;
using SoakPS.Engine.Parameters;

namespace SoakPS.Engine.Profiles;

/// <summary>
/// A profile's policy.bounds: per parameter {min, max, default, decimals, unit}. A profile may narrow the catalog's
/// range of a parameter it knows, never widen it, and may add a parameter with a name that can be a key, label and column.
/// </summary>
internal static partial class BoundsPolicyFile
{
    /// <summary>What a parameter a profile adds may be called: it becomes a JSON key, a metric label and a report column.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial System.Text.RegularExpressions.Regex ParameterName();

    private static readonly string[] BoundKeys = { "min", "max", "default", "decimals", "unit" };

    public static IEnumerable<ParameterDefinition> Read(JsonElement bounds, string path, ParameterCatalog catalog)
    {
        if (bounds.ValueKind != JsonValueKind.Object) throw PolicySectionJson.Invalid(path, "policy.bounds", "must be an object");
        foreach (var property in bounds.EnumerateObject())
        {
            var key = $"policy.bounds.{property.Name}";
            var b = property.Value;
            if (b.ValueKind != JsonValueKind.Object) throw PolicySectionJson.Invalid(path, key, "must be an object with min and max");
            PolicySectionJson.CheckKeys(b, BoundKeys, path, key);
            if (!b.TryGetProperty("min", out var minElement) || !b.TryGetProperty("max", out var maxElement))
            {
                throw PolicySectionJson.Invalid(path, key, "needs both min and max");
            }
            var min = ParameterValue.FromJson(minElement, path, key + ".min");
            var max = ParameterValue.FromJson(maxElement, path, key + ".max");
            if (min >= max) throw PolicySectionJson.Invalid(path, key, $"min ({min}) must be below max ({max})");
            var known = catalog.TryGet(property.Name, out var existing);
            if (!known && !ParameterName().IsMatch(property.Name))
            {
                throw PolicySectionJson.Invalid(path, key, "is not a parameter name (a lowercase letter, then lowercase letters, digits and '_', at most 64)");
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
                    throw PolicySectionJson.Invalid(path, key + ".decimals", "must be an integer from 0 to 10");
                }
            }
            var unit = known ? existing.Unit : string.Empty;
            if (b.TryGetProperty("unit", out var u))
            {
                unit = u.ValueKind == JsonValueKind.String ? u.GetString()! : throw PolicySectionJson.Invalid(path, key + ".unit", "must be a string");
            }
            decimal fallback = known ? Math.Min(max, Math.Max(min, existing.Default)) : min;
            var @default = b.TryGetProperty("default", out var de) ? ParameterValue.FromJson(de, path, key + ".default") : fallback;
            if (@default < min || @default > max) throw PolicySectionJson.Invalid(path, key + ".default", $"{@default} lies outside [{min}, {max}]");
            yield return new ParameterDefinition(property.Name, unit, @default, min, max, decimals, known ? existing.SaferDirection : 0);
        }
    }
}
