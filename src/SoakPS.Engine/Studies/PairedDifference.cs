namespace SoakPS.Engine.Studies;

/// <summary>
/// A paired comparison over seeds (both arms of a seed meet the same market): the mean of the per-seed differences
/// A − B, its t statistic (mean / (s / √n)), and how many seeds each side won.
/// </summary>
internal sealed record PairedDifference(int Seeds, double Mean, double? T, int AWins, int BWins)
{
    public static PairedDifference Of(IReadOnlyList<double> differences)
    {
        var n = differences.Count;
        var mean = n > 0 ? differences.Average() : double.NaN;
        double? t = null;
        if (n >= 2)
        {
            var sd = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (n - 1));
            // Identical arms differ by nothing in every seed: no t, rather than 0/0.
            if (sd > 0) t = mean / (sd / Math.Sqrt(n));
        }
        return new PairedDifference(n, mean, t, differences.Count(d => d > 0), differences.Count(d => d < 0));
    }
}
