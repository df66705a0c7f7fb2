using System.Text.Json;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Reports;
using SoakPS.Engine.Sources;
using SoakPS.Engine.Sources.Simulation;

namespace SoakPS.Engine.Tests.Simulation;

/// <summary>The raw counts and metrics of simulated edge reports, read back from the report text as a user would.</summary>
public sealed record SimulatedReport(EdgeMetrics Metrics, long Fills, long QuoteAttempts, long RequotesBlocked, long RiskBlocks,
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

/// <summary>Many seeds of the simulator with the tuner off: the reports of iterations 1..n of each seed's regime path, or of one forced regime.</summary>
public static class SimulatedSeeds
{
    public const int Seeds = 50;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static ParameterSet Defaults(string name, decimal value) => ParameterCatalog.Default.Defaults().With(name, value);

    public static List<SimulatedReport> Along(ParameterSet overrides, int iterations = 3)
    {
        var reports = new List<SimulatedReport>();
        for (var seed = 1; seed <= Seeds; seed++)
        {
            using var source = new SimulatorSource(seed);
            for (var n = 1; n <= iterations; n++)
            {
                var context = new IterationContext("t", n, iterations, overrides, "o", "r", "l", DateTimeOffset.UnixEpoch, Window);
                reports.Add(SimulatedReport.Parse(source.ObtainAsync(context, default).Result.ReportText!));
            }
        }
        return reports;
    }

    public static List<SimulatedReport> In(MarketRegime regime, ParameterSet overrides)
    {
        var simulator = new MarketSimulator(MarketModel.Default);
        var settings = QuoteSettings.From(overrides);
        return Enumerable.Range(1, Seeds)
            .Select(seed => SimulatedReport.Parse(SimulationReport.Write(simulator.Run(seed, 1, regime, settings, Window))))
            .ToList();
    }
}
