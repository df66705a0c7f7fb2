namespace SoakPS.Engine.Studies;

/// <summary>
/// One arm over all its seeds: run verdicts, iteration verdicts by regime, edge and money per window (means over runs
/// of each run's mean), medians of the final figures, and totals of applies, immediate reversals and guard events.
/// </summary>
internal sealed record StudySummary(
    string Arm,
    string Profile,
    bool AutoTune,
    int Runs,
    VerdictCounts RunVerdicts,
    IReadOnlyDictionary<string, VerdictCounts> VerdictsByRegime,
    double MeanNetBps,
    double NetUsdPerWindow,
    double VolumeUsdPerWindow,
    double MedianFinalNetBps,
    double MedianFinalRiskRatio,
    double MedianMeanNetBps,
    int Applies,
    int ImmediateReversals,
    int GuardEvents,
    int PanicReverts)
{
    public double OkShare => RunVerdicts.Share(RunVerdicts.Ok);
    public double WarnShare => RunVerdicts.Share(RunVerdicts.Warn);
    public double FailShare => RunVerdicts.Share(RunVerdicts.Fail);

    /// <summary>Arms in a stable order (profile, then fixed before tuned), each summarised from its runs.</summary>
    public static IReadOnlyList<StudySummary> Of(IEnumerable<StudyRun> runs) => runs
        .GroupBy(r => r.Arm, StringComparer.Ordinal)
        .Select(g => Of(g.Key, g.ToList()))
        .OrderBy(s => s.Profile, StringComparer.Ordinal).ThenBy(s => s.AutoTune).ThenBy(s => s.Arm, StringComparer.Ordinal)
        .ToList();

    private static StudySummary Of(string arm, IReadOnlyList<StudyRun> list)
    {
        var runVerdicts = list.Aggregate(default(VerdictCounts), (c, r) => c.Add(Enum.TryParse<Records.Verdict>(r.Run.RunVerdict, out var v) ? v : Records.Verdict.FAIL));
        var byRegime = new SortedDictionary<string, VerdictCounts>(StringComparer.Ordinal);
        foreach (var (regime, counts) in list.SelectMany(r => r.Run.VerdictsByRegime))
        {
            byRegime[regime] = byRegime.GetValueOrDefault(regime) + counts;
        }
        return new StudySummary(arm, list[0].Profile, list[0].AutoTune, list.Count, runVerdicts, byRegime,
            list.Average(r => r.Run.MeanNetBps), MeanOfKnown(list.Select(r => r.Run.NetUsdPerWindow)), MeanOfKnown(list.Select(r => r.Run.VolumeUsdPerWindow)),
            Median(list.Select(r => r.Run.FinalNetBps)), Median(list.Select(r => r.Run.FinalRiskRatio)), Median(list.Select(r => r.Run.MeanNetBps)),
            list.Sum(r => r.Run.Applies), list.Sum(r => r.Run.ImmediateReversals), list.Sum(r => r.Run.GuardEvents), list.Sum(r => r.Run.PanicReverts));
    }

    /// <summary>The mean of the values that are numbers (a run whose source reported no money has NaN); NaN when none is.</summary>
    private static double MeanOfKnown(IEnumerable<double> values)
    {
        var known = values.Where(double.IsFinite).ToList();
        return known.Count > 0 ? known.Average() : double.NaN;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
