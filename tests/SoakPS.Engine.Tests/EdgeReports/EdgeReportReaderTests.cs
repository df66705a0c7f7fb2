using CsCheck;
using SoakPS.Engine.EdgeReports;

namespace SoakPS.Engine.Tests.Reports;

public class EdgeReportReaderTests
{
    [Fact]
    public void Reads_totals_with_component_breakdown_and_block_reasons()
    {
        var r = EdgeReportReader.Read("""
            {"totals": {"net_bps": 2.9, "adverse_bps_p95": 3.1, "slippage_bps_p95": 1.4, "cancel_ratio": 0.4, "p95_latency_ms": 210,
              "component_breakdown": {"gross_bps": 8, "fees_eff_bps": 2, "slippage_bps": 1.1, "adverse_bps": 1.6, "inventory_bps": 0.4},
              "neg_edge_drivers": ["adverse_bps"],
              "block_reasons": {"min_interval": {"count": 5, "ratio": 0.2}, "risk": {"count": 9, "ratio": 0.36}, "throttle": {"count": 0, "ratio": 0}}}}
            """);
        Assert.True(r.IsValid, r.InvalidReason);
        var m = r.Metrics!;
        Assert.Equal(2.9, m.NetBps);
        Assert.Equal(8, m.GrossBps);
        Assert.Equal(0.4, m.InventoryBps);
        Assert.Equal(0.36, m.RiskRatio);
        Assert.Equal(0.2, m.MinIntervalRatio);
        Assert.Null(m.ConcurrencyRatio);
        Assert.Equal(new[] { "adverse_bps" }, m.NegEdgeDrivers);
        Assert.Null(m.MakerTakerRatio);
    }

    [Fact]
    public void Accepts_total_and_top_level_metrics_and_components_at_totals_level()
    {
        Assert.Equal(1.5, EdgeReportReader.Read("""{"total": {"net_bps": 1.5, "gross_bps": 4}}""").Metrics!.NetBps);
        Assert.Equal(4, EdgeReportReader.Read("""{"total": {"net_bps": 1.5, "gross_bps": 4}}""").Metrics!.GrossBps);
        Assert.Equal(-0.5, EdgeReportReader.Read("""{"net_bps": -0.5, "risk_ratio": 0.3}""").Metrics!.NetBps);
    }

    [Fact]
    public void Percentages_are_normalised_to_ratios()
    {
        var m = EdgeReportReader.Read("""{"totals": {"net_bps": 3, "cancel_ratio": 45, "risk_ratio": 62.5, "maker_share_pct": 91}}""").Metrics!;
        Assert.Equal(0.45, m.CancelRatio!.Value, 10);
        Assert.Equal(0.625, m.RiskRatio!.Value, 10);
        Assert.Equal(91, m.MakerSharePct);
    }

    [Fact]
    public void A_direct_risk_ratio_wins_over_block_reasons()
    {
        var m = EdgeReportReader.Read("""{"totals": {"net_bps": 3, "risk_ratio": 0.5, "block_reasons": {"risk": {"count": 1, "ratio": 0.1}}}}""").Metrics!;
        Assert.Equal(0.5, m.RiskRatio);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[1,2,3]", "not an object")]
    [InlineData("null", "not an object")]
    [InlineData("""{"totals": {"gross_bps": 3}}""", "net_bps is missing")]
    [InlineData("""{"totals": {"net_bps": null}}""", "net_bps is missing")]
    [InlineData("""{"totals": {"net_bps": "NaN"}}""", "net_bps is not a finite number")]
    [InlineData("""{"totals": {"net_bps": "-Infinity"}}""", "net_bps is not a finite number")]
    [InlineData("""{"totals": {"net_bps": 1e400}}""", "net_bps is not a finite number")]
    [InlineData("""{"totals": {"net_bps": "3.0"}}""", "net_bps must be a number, not a string")]
    [InlineData("""{"totals": {"net_bps": true}}""", "net_bps must be a number, not true")]
    [InlineData("""{"totals": {"net_bps": 2, "risk_ratio": [0.3]}}""", "risk_ratio must be a number, not array")]
    [InlineData("""{"totals": {"net_bps": 2, "cancel_ratio": 150}}""", "cancel_ratio = 150 is not a ratio")]
    [InlineData("""{"totals": {"net_bps": 2, "risk_ratio": -0.1}}""", "risk_ratio = -0.1 is not a ratio")]
    [InlineData("""{"totals": {"net_bps": 2, "adverse_bps_p95": -1}}""", "adverse_bps_p95 = -1 is negative")]
    [InlineData("""{"totals": {"net_bps": 2, "p95_latency_ms": -5}}""", "p95_latency_ms = -5 is negative")]
    [InlineData("""{"totals": {"net_bps": 2, "maker_share_pct": 101}}""", "maker_share_pct = 101 is not a percentage")]
    [InlineData("""{"totals": {"net_bps": 1e12}}""", "implausible")]
    [InlineData("""{"totals": {"net_bps": 2, "block_reasons": {"risk": {"count": 3, "ratio": 250}}}}""", "block_reasons.risk.ratio = 250")]
    [InlineData("""{"totals": {"net_bps": 2, "neg_edge_drivers": "slippage_bps"}}""", "neg_edge_drivers must be an array of strings")]
    [InlineData("""{"totals": {"net_bps": 2, "net_usd": "12.5"}}""", "net_usd must be a number, not a string")]
    [InlineData("""{"totals": {"net_bps": 2, "net_usd": "NaN"}}""", "net_usd is not a finite number")]
    [InlineData("""{"totals": {"net_bps": 2, "net_usd": 1e16}}""", "net_usd = 10000000000000000 is implausible")]
    [InlineData("""{"totals": {"net_bps": 2, "volume_usd": -1}}""", "volume_usd = -1 is negative")]
    [InlineData("""{"totals": {"net_bps": 2, "volume_usd": [5]}}""", "volume_usd must be a number, not array")]
    [InlineData("""{"buckets": [{"net_bps": 2, "net_usd": 9e14}, {"net_bps": 2, "net_usd": 9e14}]}""", "the day's total net_usd")]
    public void Hostile_input_is_invalid_with_a_reason_naming_the_problem(string text, string reason)
    {
        var r = EdgeReportReader.Read(text);
        Assert.False(r.IsValid);
        Assert.Contains(reason, r.InvalidReason);
    }

    [Fact]
    public void Deep_nesting_and_huge_reports_are_invalid_not_a_crash()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000);
        Assert.Contains("not valid JSON", EdgeReportReader.Read(deep).InvalidReason);
        var huge = "{\"totals\":{\"net_bps\":1,\"pad\":\"" + new string('x', EdgeReportReader.MaxBytes) + "\"}}";
        Assert.Contains("too large", EdgeReportReader.Read(huge).InvalidReason);
    }

    [Fact]
    public void Never_throws_for_any_text()
    {
        Gen.String.Sample(s => { EdgeReportReader.Read(s); }, iter: 2000);
    }

    private static readonly Gen<string> JsonValue = Gen.Recursive<string>((depth, self) => depth >= 4
        ? Gen.OneOf(Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1"),
            Gen.Const("null"), Gen.Const("true"), Gen.Const("\"NaN\""), Gen.Const("1e400"), Gen.Const("-7"))
        : Gen.OneOf(
            Gen.Double[-1e6, 1e6].Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Const("\"x\""), Gen.Const("null"), Gen.Const("150"),
            Gen.Select(Gen.Int[0, 11].Select(k => new[] { "net_bps", "totals", "total", "risk_ratio", "cancel_ratio", "block_reasons", "risk", "ratio",
                    "component_breakdown", "neg_edge_drivers", "adverse_bps_p95", "maker_share_pct" }[k]), self).Array[0, 5]
                .Select(kvs => "{" + string.Join(",", kvs.Select(kv => $"\"{kv.Item1}\":{kv.Item2}")) + "}"),
            self.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")));

    [Fact]
    public void Never_throws_for_arbitrary_json_trees_and_valid_results_are_always_finite_and_in_range()
    {
        JsonValue.Sample(text =>
        {
            var r = EdgeReportReader.Read(text);
            if (!r.IsValid) return true;
            var m = r.Metrics!;
            var ratios = new[] { m.CancelRatio, m.RiskRatio, m.MinIntervalRatio, m.ConcurrencyRatio, m.ThrottleRatio };
            return m.NetBps is { } net && double.IsFinite(net) && ratios.All(x => x is null || x is >= 0 and <= 1);
        }, iter: 3000);
    }
}
