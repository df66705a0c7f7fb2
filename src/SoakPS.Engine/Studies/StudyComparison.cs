namespace SoakPS.Engine.Studies;

/// <summary>
/// Two arms compared seed by seed: every pair of arms once, A the arm listed first (<see cref="StudySummary.Of"/>'s
/// order). Net USD per window is paired over the seeds both arms ran (A − B); FAIL runs are A's minus B's over those seeds.
/// </summary>
internal sealed record StudyComparison(string ArmA, string ArmB, PairedDifference NetUsdPerWindow, int FailRunsDifference)
{
    public static IReadOnlyList<StudyComparison> Of(IReadOnlyList<StudySummary> arms, IEnumerable<StudyRun> runs)
    {
        var bySeed = runs.GroupBy(r => r.Arm, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Seed), StringComparer.Ordinal);
        var comparisons = new List<StudyComparison>();
        for (var i = 0; i < arms.Count; i++)
        {
            for (var j = i + 1; j < arms.Count; j++)
            {
                var a = bySeed[arms[i].Arm];
                var b = bySeed[arms[j].Arm];
                var seeds = a.Keys.Where(b.ContainsKey).Order().ToList();
                var differences = seeds.Select(s => a[s].Run.NetUsdPerWindow - b[s].Run.NetUsdPerWindow).Where(double.IsFinite).ToList();
                var fails = seeds.Count(s => IsFail(a[s])) - seeds.Count(s => IsFail(b[s]));
                comparisons.Add(new StudyComparison(arms[i].Arm, arms[j].Arm, PairedDifference.Of(differences), fails));
            }
        }
        return comparisons;
    }

    private static bool IsFail(StudyRun run) => run.Run.RunVerdict is "FAIL" or "INVALID";
}
