using System.Globalization;
using System.Text.Json;

namespace SoakPS.Engine.Json;

/// <summary>Writes decimals in their shortest exact form (0.14, not 0.1400 and never 0.13999999999).</summary>
internal static class JsonNumbers
{
    public static string Format(decimal value) => Normalize(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>The same value without trailing zeros in its scale (0.20m becomes 0.2m), so equal values look equal everywhere.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    public static void WriteDecimal(Utf8JsonWriter writer, decimal value) => writer.WriteRawValue(Format(value), skipInputValidation: true);

    /// <summary>Metrics are doubles; they are persisted rounded to 6 decimals so files stay readable and stable.</summary>
    public static double Metric(double value) => Math.Round(value, 6, MidpointRounding.AwayFromZero);
}
