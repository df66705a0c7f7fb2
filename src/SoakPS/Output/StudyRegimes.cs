using SoakPS.Engine.Sources.Simulation;
using SoakPS.Engine.Studies;

namespace SoakPS.Output;

/// <summary>The simulator's regimes as the study's outputs name them.</summary>
internal static class StudyRegimes
{
    public static readonly string Calm = Label(MarketRegime.Calm);
    public static readonly string Volatile = Label(MarketRegime.Volatile);
    public static readonly string Spike = Label(MarketRegime.Spike);

    /// <summary>Every regime in the simulator's order, as the reports label them.</summary>
    public static IEnumerable<string> All => Enum.GetValues<MarketRegime>().Select(Label);

    public static (int Ok, int Warn, int Fail) Counts(IReadOnlyDictionary<string, VerdictCounts> byRegime, string regime) =>
        byRegime.TryGetValue(regime, out var c) ? (c.Ok, c.Warn, c.Fail) : (0, 0, 0);

    private static string Label(MarketRegime regime) => regime.ToString().ToLowerInvariant();
}
