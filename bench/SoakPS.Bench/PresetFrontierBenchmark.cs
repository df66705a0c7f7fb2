using SoakPS.Engine.Kpi;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Records;
using SoakPS.Engine.Sources.Simulation;

namespace SoakPS.Bench;

/// <summary>
/// The trade-off a tuner that sees the market one window late cannot escape: over a grid of impact_cap_ratio ×
/// max_delta_ratio (the other four parameters at steady_safe's), each regime's windows of the same seeds (paired) with
/// the share of calm windows that are OK and of volatile and spike windows that FAIL. Ends with the two extremes: the
/// fewest spike FAILs among points that keep calm windows OK, and the most calm OK among points that fail no spike.
/// </summary>
public sealed class PresetFrontierBenchmark : IBenchmark
{
    public string Name => "frontier";

    public string Description => "calm OK against volatile/spike FAIL over impact cap × max delta on paired windows [--windows 60]";

    public int Run(BenchArguments args)
    {
        var windows = args.Int("windows", 60);
        var kpi = new KpiPolicy();
        var start = QuoteSettings.From(new ParameterSet(BuiltInProfiles.SteadySafe.Parameters));
        var impacts = new[] { 0.08, 0.085, 0.09, 0.10, 0.11, 0.12 };
        var deltas = new[] { 0.10, 0.11, 0.12, 0.125, 0.13, 0.14, 0.15, 0.16 };
        var points = impacts.SelectMany(i => deltas.Select(d => start with { ImpactCapRatio = i, MaxDeltaRatio = d })).ToList();
        var rows = points.AsParallel().AsOrdered().WithDegreeOfParallelism(Environment.ProcessorCount).Select(p =>
        {
            var simulator = new MarketSimulator(MarketModel.Default);
            double Share(MarketRegime regime, Verdict verdict) => Enumerable.Range(1, windows)
                .Count(n => KpiGate.Evaluate(SimulationReport.Metrics(simulator.Run(5000 + n, n, regime, p, TimeSpan.FromMinutes(15))), kpi).Verdict == verdict) / (double)windows;
            return (Point: p, CalmOk: Share(MarketRegime.Calm, Verdict.OK), VolatileFail: Share(MarketRegime.Volatile, Verdict.FAIL), SpikeFail: Share(MarketRegime.Spike, Verdict.FAIL));
        }).ToList();

        Console.WriteLine($"# {windows} windows per regime and point (seeds 5001–{5000 + windows}), other parameters at steady_safe's");
        Console.WriteLine("impact_cap  max_delta  calm OK  volatile FAIL  spike FAIL");
        foreach (var r in rows)
        {
            Console.WriteLine($"{r.Point.ImpactCapRatio,10:0.000}  {r.Point.MaxDeltaRatio,9:0.000}  {r.CalmOk,7:P0}  {r.VolatileFail,13:P0}  {r.SpikeFail,10:P0}");
        }
        var keepsCalm = rows.Where(r => r.CalmOk >= 0.95).ToList();
        var survivesSpikes = rows.Where(r => r.SpikeFail == 0).ToList();
        Console.WriteLine(keepsCalm.Count == 0 ? "no point keeps 95 % of calm windows OK"
            : $"points keeping >= 95 % of calm windows OK: {keepsCalm.Count}; the fewest spike FAILs among them: {keepsCalm.Min(r => r.SpikeFail):P0}");
        Console.WriteLine(survivesSpikes.Count == 0 ? "no point fails no spike window"
            : $"points failing no spike window: {survivesSpikes.Count}; the most calm OK among them: {survivesSpikes.Max(r => r.CalmOk):P0}");
        return 0;
    }
}
