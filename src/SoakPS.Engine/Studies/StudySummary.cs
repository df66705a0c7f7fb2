namespace SoakPS.Engine.Studies;

/// <summary>One arm over all seeds: shares of run verdicts, medians of the final figures, totals of guard events and applies.</summary>
public sealed record StudySummary(
    string Arm,
    string Profile,
    bool AutoTune,
    int Runs,
    double OkShare,
    double WarnShare,
    double FailShare,
    double MedianFinalNetBps,
    double MedianFinalRiskRatio,
    double MedianMeanNetBps,
    int GuardEvents,
    int Applies,
    int PanicReverts)
{
    public static IReadOnlyList<StudySummary> Of(IEnumerable<StudyRun> runs) => runs
        .GroupBy(r => r.Arm, StringComparer.Ordinal)
        .Select(g =>
        {
            var list = g.ToList();
            double Share(string verdict) => (double)list.Count(r => r.RunVerdict == verdict) / list.Count;
            return new StudySummary(g.Key, list[0].Profile, list[0].AutoTune, list.Count, Share("OK"), Share("WARN"), Share("FAIL"),
                Median(list.Select(r => r.FinalNetBps)), Median(list.Select(r => r.FinalRiskRatio)), Median(list.Select(r => r.MeanNetBps)),
                list.Sum(r => r.GuardEvents), list.Sum(r => r.Applies), list.Sum(r => r.PanicReverts));
        })
        .OrderBy(s => s.Profile, StringComparer.Ordinal).ThenBy(s => s.AutoTune)
        .ToList();

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
