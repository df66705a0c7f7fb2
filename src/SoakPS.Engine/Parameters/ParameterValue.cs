using System.Globalization;
using System.Text.Json;

namespace SoakPS.Engine.Parameters;

/// <summary>
/// Turns a raw value from JSON or from a PowerShell hashtable into an exact decimal, or refuses it with an error
/// that names the source and the key (ParameterNotNumeric, ParameterNotFinite).
/// </summary>
internal static class ParameterValue
{
    public static decimal FromJson(JsonElement element, string source, string key)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                if (element.TryGetDecimal(out var exact)) return exact;
                // Too large or too small for a decimal: 1e400 is infinite as a double, and no bound is near it.
                throw NotFinite(source, key, element.GetRawText());
            case JsonValueKind.String:
                var text = element.GetString() ?? string.Empty;
                if (IsNonFiniteWord(text)) throw NotFinite(source, key, text);
                throw NotNumeric(source, key, $"the string \"{text}\" (write numbers without quotes)");
            default:
                throw NotNumeric(source, key, element.ValueKind == JsonValueKind.Null ? "null" : element.GetRawText());
        }
    }

    /// <summary>Values from a PowerShell hashtable arrive as int, long, double, decimal or string.</summary>
    public static decimal FromObject(object? value, string source, string key)
    {
        switch (value)
        {
            case null:
                throw NotNumeric(source, key, "null");
            case decimal d:
                return d;
            case int or long or short or byte or sbyte or ushort or uint or ulong:
                return Convert.ToDecimal(value, CultureInfo.InvariantCulture);
            case double or float:
                var f = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(f)) throw NotFinite(source, key, f.ToString(CultureInfo.InvariantCulture));
                try
                {
                    // Through the shortest round-trip text so 0.1 stays 0.1 and does not become 0.1000000000000000055.
                    return decimal.Parse(f.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
                }
                catch (OverflowException)
                {
                    throw NotFinite(source, key, f.ToString(CultureInfo.InvariantCulture));
                }
            case string s:
                var trimmed = s.Trim();
                if (IsNonFiniteWord(trimmed)) throw NotFinite(source, key, s);
                if (decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) return parsed;
                if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var huge) && !double.IsFinite(huge))
                {
                    throw NotFinite(source, key, s);
                }
                throw NotNumeric(source, key, $"the string '{s}'");
            case bool b:
                throw NotNumeric(source, key, b ? "$true" : "$false");
            default:
                throw NotNumeric(source, key, $"a {value.GetType().Name} ('{value}')");
        }
    }

    private static bool IsNonFiniteWord(string text) =>
        text.Trim().TrimStart('+', '-').ToLowerInvariant() is "nan" or "infinity" or "inf" or "∞";

    private static SoakException NotNumeric(string source, string key, string what) =>
        new("ParameterNotNumeric", SoakErrorKind.InvalidData, $"{source}: '{key}' must be a number, not {what}.", key);

    private static SoakException NotFinite(string source, string key, string what) =>
        new("ParameterNotFinite", SoakErrorKind.InvalidData, $"{source}: '{key}' must be a finite number, not {what}.", key);
}
