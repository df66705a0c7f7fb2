namespace SoakPS.Output;

/// <summary>Figures that may be unknown (NaN: nothing reported them) leave as null, so Export-Csv writes an empty cell.</summary>
internal static class KnownNumber
{
    public static double? Rounded(double value, int decimals) => double.IsFinite(value) ? Math.Round(value, decimals) : null;
}
