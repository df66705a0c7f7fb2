using SoakPS.Engine.Studies;

namespace SoakPS.Output;

/// <summary>One arm of Invoke-SoakStudy in one market regime: the shares of its iterations (windows) judged OK, WARN and FAIL.</summary>
public sealed class SoakStudyRegime
{
    private SoakStudyRegime(string arm, string regime, VerdictCounts c)
    {
        Arm = arm;
        Regime = regime;
        Windows = c.Total;
        OkWindows = c.Ok;
        WarnWindows = c.Warn;
        FailWindows = c.Fail;
        OkShare = KnownNumber.Rounded(c.Share(c.Ok), 4);
        WarnShare = KnownNumber.Rounded(c.Share(c.Warn), 4);
        FailShare = KnownNumber.Rounded(c.Share(c.Fail), 4);
    }

    /// <summary>One row per regime of the simulator, in its order (a regime the arm never met has 0 windows and no shares).</summary>
    internal static IEnumerable<SoakStudyRegime> Of(StudySummary s) =>
        StudyRegimes.All.Select(regime => new SoakStudyRegime(s.Arm, regime, s.VerdictsByRegime.GetValueOrDefault(regime)));

    public string Arm { get; }
    public string Regime { get; }
    public int Windows { get; }
    public int OkWindows { get; }
    public int WarnWindows { get; }
    public int FailWindows { get; }
    public double? OkShare { get; }
    public double? WarnShare { get; }
    public double? FailShare { get; }
}
