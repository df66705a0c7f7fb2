using SoakPS.Engine.Studies;

namespace SoakPS.Output;

/// <summary>
/// Two arms of Invoke-SoakStudy compared seed by seed (every pair once): the paired mean difference of net USD per
/// window (ArmA − ArmB), its t statistic, the seeds each arm earned more in, and the difference in FAIL runs.
/// </summary>
public sealed class SoakStudyComparison
{
    internal SoakStudyComparison(StudyComparison c)
    {
        ArmA = c.ArmA;
        ArmB = c.ArmB;
        Seeds = c.NetUsdPerWindow.Seeds;
        NetUsdPerWindowDifference = KnownNumber.Rounded(c.NetUsdPerWindow.Mean, 2);
        T = c.NetUsdPerWindow.T is { } t ? Math.Round(t, 2) : null;
        ArmAWins = c.NetUsdPerWindow.AWins;
        ArmBWins = c.NetUsdPerWindow.BWins;
        FailRunsDifference = c.FailRunsDifference;
    }

    public string ArmA { get; }
    public string ArmB { get; }

    /// <summary>Seeds both arms ran with money reported: the pairs behind the difference.</summary>
    public int Seeds { get; }

    /// <summary>Mean over seeds of (ArmA − ArmB) net USD per window; null without pairs.</summary>
    public double? NetUsdPerWindowDifference { get; }

    /// <summary>The paired t statistic of that difference; null with fewer than two seeds or no spread (identical arms).</summary>
    public double? T { get; }

    /// <summary>Seeds in which ArmA earned more net USD per window than ArmB.</summary>
    public int ArmAWins { get; }

    /// <summary>Seeds in which ArmB earned more.</summary>
    public int ArmBWins { get; }

    /// <summary>ArmA's FAIL runs minus ArmB's, over the seeds both ran.</summary>
    public int FailRunsDifference { get; }
}
