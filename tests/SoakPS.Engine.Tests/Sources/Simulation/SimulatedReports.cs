using System.Text.Json;
using SoakPS.Engine.EdgeReports;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;
using SoakPS.Engine.Sources;
using SoakPS.Engine.Sources.Simulation;

namespace SoakPS.Engine.Tests.Simulation;

/// <summary>The raw counts and metrics of simulated edge reports, read back from the report text as a user would.</summary>
internal sealed record SimulatedReport(EdgeMetrics Metrics, long Fills, long QuoteAttempts, long RequotesBlocked, long RiskBlocks,
    long MinIntervalBlocks, double VolumeUsd, double OrderAgeMeanMs, string Regime)
{
    public double GrossUsd => Metrics.GrossBps!.Value * VolumeUsd / 1e4;
    public double AdverseUsd => Metrics.AdverseBps!.Value * VolumeUsd / 1e4;

    public static SimulatedReport Parse(string text)
    {
        var read = EdgeReportReader.Read(text);
        Assert.True(read.IsValid, read.InvalidReason);
        using var doc = JsonDocument.Parse(text);
        var totals = doc.RootElement.GetProperty("totals");
        return new SimulatedReport(read.Metrics!, totals.GetProperty("fills").GetInt64(), totals.GetProperty("quote_attempts").GetInt64(),
            totals.GetProperty("requotes_blocked").GetInt64(), totals.GetProperty("risk_blocks").GetInt64(),
            totals.GetProperty("block_reasons").GetProperty("min_interval").GetProperty("count").GetInt64(),
            totals.GetProperty("volume_usd").GetDouble(), totals.GetProperty("order_age_mean_ms").GetDouble(), doc.RootElement.GetProperty("regime").GetString()!);
    }
}

/// <summary>
/// Many seeds of the simulator with the tuner off, one list of reports per seed: iterations 1..n of the seed's regime
/// path, or one window in a forced regime. Two parameter sets on one seed meet the same market, so arms compare per seed.
/// </summary>
internal static class SimulatedSeeds
{
    public const int Seeds = 50;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static ParameterSet Defaults(string name, decimal value) => ParameterCatalog.Default.Defaults().With(name, value);

    public static List<SimulatedReport[]> Along(ParameterSet overrides, int iterations = 3)
    {
        var seeds = new List<SimulatedReport[]>();
        for (var seed = 1; seed <= Seeds; seed++)
        {
            using var source = new SimulatorSource(seed);
            seeds.Add(Enumerable.Range(1, iterations).Select(n =>
            {
                var context = new IterationContext("t", n, iterations, overrides, "o", "r", "l", DateTimeOffset.UnixEpoch, Window);
                return SimulatedReport.Parse(source.ObtainAsync(context, default).Result.ReportText!);
            }).ToArray());
        }
        return seeds;
    }

    public static List<SimulatedReport[]> In(MarketRegime regime, ParameterSet overrides)
    {
        var simulator = new MarketSimulator(MarketModel.Default);
        var settings = QuoteSettings.From(overrides);
        return Enumerable.Range(1, Seeds)
            .Select(seed => new[] { SimulatedReport.Parse(SimulationReport.Write(simulator.Run(seed, 1, regime, settings, Window))) })
            .ToList();
    }
}

/// <summary>
/// A response of one arm against another, seed by seed (a paired comparison): the measure of each seed's reports in
/// arm A minus that in arm B, how many seeds agree, and the paired t statistic (mean difference over its standard error).
/// </summary>
internal sealed record PairedResponse(int Seeds, int Greater, double MeanDifference, double T)
{
    public static PairedResponse Of(List<SimulatedReport[]> a, List<SimulatedReport[]> b, Func<SimulatedReport[], double> measure)
    {
        var d = a.Zip(b, (x, y) => measure(x) - measure(y)).ToList();
        var mean = d.Average();
        var sd = Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / (d.Count - 1));
        return new PairedResponse(d.Count, d.Count(x => x > 0), mean, sd > 0 ? mean / (sd / Math.Sqrt(d.Count)) : double.PositiveInfinity * Math.Sign(mean));
    }

    public static double AdversePerFill(SimulatedReport[] r) => r.Sum(x => x.AdverseUsd) / r.Sum(x => x.Fills);

    /// <summary>(gross − adverse) per USD of maker volume, in bps: the part of the spread kept after adverse selection.</summary>
    public static double KeptPerVolume(SimulatedReport[] r) => (r.Sum(x => x.GrossUsd) - r.Sum(x => x.AdverseUsd)) / r.Sum(x => x.VolumeUsd) * 1e4;

    /// <summary>The adverse move per fill, in bps, weighted by fill size (adverse USD per USD of maker volume).</summary>
    public static double AdverseMovePerFill(SimulatedReport[] r) => r.Sum(x => x.AdverseUsd) / r.Sum(x => x.VolumeUsd) * 1e4;

    public static double RiskRatio(SimulatedReport[] r) => (double)r.Sum(x => x.RiskBlocks) / r.Sum(x => x.QuoteAttempts);

    public override string ToString() => $"A > B in {Greater} of {Seeds} seeds, mean difference {MeanDifference:G4}, paired t {T:0.0}";
}
