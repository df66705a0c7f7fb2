using SoakPS.Engine.EdgeReports;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Sources.Simulation;

namespace SoakPS.Engine.Tests.Reports;

/// <summary>net_usd and volume_usd: optional in a bot's report, summed over a day's buckets (bad values: EdgeReportReaderTests).</summary>
public class MoneyFieldsTests
{
    [Fact]
    public void Net_and_volume_in_usd_are_read_from_totals_and_are_optional()
    {
        var m = EdgeReportReader.Read("""{"totals": {"net_bps": 3.2, "net_usd": -125.5, "volume_usd": 4000000}}""").Metrics!;
        Assert.Equal(-125.5, m.NetUsd);
        Assert.Equal(4_000_000, m.VolumeUsd);

        var without = EdgeReportReader.Read("""{"totals": {"net_bps": 3.2}}""");
        Assert.True(without.IsValid, without.InvalidReason);
        Assert.Null(without.Metrics!.NetUsd);
        Assert.Null(without.Metrics!.VolumeUsd);
    }

    [Fact]
    public void A_day_report_sums_money_over_its_buckets_and_weighs_bps_by_volume()
    {
        var r = EdgeReportReader.Read("""
            {"buckets": [{"bucket": "00", "net_bps": 2, "net_usd": 200, "volume_usd": 1000000},
                         {"bucket": "01", "net_bps": 4, "net_usd": 1200, "volume_usd": 3000000}]}
            """);
        Assert.True(r.IsValid, r.InvalidReason);
        Assert.Equal(1400, r.Metrics!.NetUsd);
        Assert.Equal(4_000_000, r.Metrics.VolumeUsd);
        // net_bps per traded dollar over the day: (2 × 1 M + 4 × 3 M) / 4 M.
        Assert.Equal(3.5, r.Metrics.NetBps!.Value, 10);
        Assert.Contains(r.Notes, n => n.Contains("weighted by volume_usd"));
    }

    [Fact]
    public void A_day_report_where_some_buckets_lack_money_leaves_the_total_not_evaluated_with_the_reason()
    {
        var r = EdgeReportReader.Read("""{"buckets": [{"net_bps": 2, "net_usd": 200}, {"net_bps": 4}]}""");
        Assert.True(r.IsValid, r.InvalidReason);
        Assert.Null(r.Metrics!.NetUsd);
        Assert.Contains(r.Notes, n => n.StartsWith("net_usd not evaluated: 1 of 2 buckets"));
    }

    [Theory]
    [InlineData(nameof(MarketRegime.Calm))]
    [InlineData(nameof(MarketRegime.Spike))]
    public void A_simulated_report_carries_its_window_money_at_totals_level(string regimeName)
    {
        var regime = Enum.Parse<MarketRegime>(regimeName);
        var window = new MarketSimulator(MarketModel.Default).Run(7, 3, regime, QuoteSettings.From(ParameterCatalog.Default.Defaults()), TimeSpan.FromMinutes(15));
        var m = EdgeReportReader.Read(SimulationReport.Write(window)).Metrics!;

        Assert.Equal(Math.Round(window.NetUsd, 6), m.NetUsd);
        Assert.Equal(Math.Round(window.VolumeUsd, 6), m.VolumeUsd);
        Assert.True(m.VolumeUsd > 0);
        // The money and the bps agree: net_bps is net USD per USD of maker volume.
        Assert.Equal(m.NetBps!.Value, m.NetUsd!.Value / m.VolumeUsd!.Value * 1e4, 4);
    }
}
