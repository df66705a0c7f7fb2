using SoakPS.Engine.Parameters;

namespace SoakPS.Engine.Studies;

/// <summary>
/// One point of the search judged on a class's windows: its OK share on the windows that stayed in the class, its FAIL
/// share and mean net USD and volume on every window that followed the class.
/// </summary>
internal sealed record PresetCandidate(ParameterSet Values, double OkShare, double FailShare, double NetUsdPerWindow, double VolumeUsdPerWindow)
{
    /// <summary>
    /// The choice among judged points: those that keep the class's own windows OK (when any does), of those the ones whose
    /// FAIL share is within the tolerance of the lowest, of those the one that earns the most net USD per window.
    /// </summary>
    public static PresetCandidate Choose(IEnumerable<PresetCandidate> judged, double okTarget, double failTolerance)
    {
        var all = judged.ToList();
        var keepingOk = all.Where(c => c.OkShare >= okTarget).ToList();
        var pool = keepingOk.Count > 0 ? keepingOk : all;
        var safest = pool.Min(c => c.FailShare);
        return pool.Where(c => c.FailShare <= safest + failTolerance).MaxBy(c => c.NetUsdPerWindow)!;
    }
}
