using SoakPS.Engine.EdgeReports;
using SoakPS.Engine.Kpi;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Tests.Reports;

/// <summary>Reports of the older tool's bot family: nested latency, the taker side, and day reports of buckets.</summary>
public class RealReportFormatsTests
{
    [Fact]
    public void Latency_p95_nested_under_latency_is_read_and_judged()
    {
        var r = EdgeReportReader.Read("""{"totals": {"net_bps": 3, "latency": {"p95": 420, "p50": 120}}}""");
        Assert.True(r.IsValid, r.InvalidReason);
        Assert.Equal(420, r.Metrics!.P95LatencyMs);
        var kpi = KpiGate.Evaluate(r.Metrics, new KpiPolicy());
        Assert.Equal(Verdict.FAIL, kpi.Verdict);
        Assert.DoesNotContain("p95_latency_ms", kpi.NotEvaluated);
    }

    [Fact]
    public void The_direct_field_wins_over_an_alias()
    {
        var m = EdgeReportReader.Read("""{"totals": {"net_bps": 3, "p95_latency_ms": 200, "latency": {"p95": 420}}}""").Metrics!;
        Assert.Equal(200, m.P95LatencyMs);
    }

    [Theory]
    [InlineData("\"taker_ratio\": 0.2")]
    [InlineData("\"taker_ratio\": 20")]
    [InlineData("\"taker_share_pct\": 20")]
    public void The_taker_side_gives_maker_share_and_maker_per_taker(string field)
    {
        var m = EdgeReportReader.Read("{\"totals\": {\"net_bps\": 3, " + field + "}}").Metrics!;
        Assert.Equal(80, m.MakerSharePct!.Value, 9);
        Assert.Equal(4, m.MakerTakerRatio!.Value, 9);
    }

    [Fact]
    public void No_taker_fills_leave_maker_per_taker_not_evaluated_rather_than_infinite()
    {
        var m = EdgeReportReader.Read("""{"totals": {"net_bps": 3, "taker_ratio": 0}}""").Metrics!;
        Assert.Equal(100, m.MakerSharePct);
        Assert.Null(m.MakerTakerRatio);
    }

    [Theory]
    [InlineData("\"taker_ratio\": -0.1", "taker_ratio")]
    [InlineData("\"taker_share_pct\": 130", "taker_share_pct")]
    [InlineData("\"latency\": {\"p95\": -5}", "latency.p95")]
    [InlineData("\"latency\": {\"p95\": \"fast\"}", "latency.p95")]
    public void A_bad_alias_value_makes_the_report_invalid_naming_the_field(string field, string named)
    {
        var r = EdgeReportReader.Read("{\"totals\": {\"net_bps\": 3, " + field + "}}");
        Assert.False(r.IsValid);
        Assert.Contains(named, r.InvalidReason);
    }

    [Fact]
    public void A_day_report_is_weighted_by_fills_and_its_p95s_stay_not_evaluated_with_the_reason()
    {
        var r = EdgeReportReader.Read("""
            {"day": "2026-11-30", "buckets": [
              {"bucket": "00:00", "fills": 300, "net_bps": 4.0, "risk_ratio": 0.2, "adverse_bps_p95": 2.0, "latency": {"p95": 100}, "neg_edge_drivers": []},
              {"bucket": "01:00", "fills": 100, "net_bps": 0.0, "risk_ratio": 0.6, "adverse_bps_p95": 6.0, "latency": {"p95": 500}, "neg_edge_drivers": ["adverse_bps"]}
            ]}
            """);
        Assert.True(r.IsValid, r.InvalidReason);
        var m = r.Metrics!;
        Assert.Equal(3.0, m.NetBps!.Value, 9);
        Assert.Equal(0.3, m.RiskRatio!.Value, 9);
        Assert.Null(m.AdverseBpsP95);
        Assert.Null(m.P95LatencyMs);
        Assert.Equal(new[] { "adverse_bps" }, m.NegEdgeDrivers);
        Assert.Contains(r.Notes, n => n.Contains("weighted by fills"));
        Assert.Contains(r.Notes, n => n.StartsWith("p95_latency_ms not evaluated") && n.Contains("p95 of per-bucket p95s is not a p95"));
        Assert.Contains(r.Notes, n => n.StartsWith("adverse_bps_p95 not evaluated"));
        var kpi = KpiGate.Evaluate(m, new KpiPolicy());
        Assert.Contains("p95_latency_ms", kpi.NotEvaluated);
    }

    [Fact]
    public void A_day_report_without_weights_takes_the_mean_of_buckets_that_carry_a_metric()
    {
        var r = EdgeReportReader.Read("""{"buckets": [{"bucket": 1, "net_bps": 1, "cancel_ratio": 0.5}, {"bucket": 2, "net_bps": 3}]}""");
        Assert.True(r.IsValid, r.InvalidReason);
        Assert.Equal(2.0, r.Metrics!.NetBps!.Value, 9);
        Assert.Equal(0.5, r.Metrics.CancelRatio!.Value, 9);
        Assert.Contains(r.Notes, n => n.Contains("mean over buckets"));
    }

    [Theory]
    [InlineData("""{"buckets": []}""", "non-empty")]
    [InlineData("""{"buckets": {"a": 1}}""", "non-empty")]
    [InlineData("""{"buckets": [1, 2]}""", "buckets[0] is not an object")]
    [InlineData("""{"buckets": [{"net_bps": 1}, {"net_bps": "x"}]}""", "buckets[1]: net_bps must be a number")]
    [InlineData("""{"buckets": [{"gross_bps": 1}]}""", "net_bps is missing in every bucket")]
    [InlineData("""{"buckets": [{"net_bps": 1, "fills": -1}, {"net_bps": 2, "fills": 3}]}""", "bucket weight fills")]
    public void A_broken_day_report_is_invalid_with_a_reason(string text, string reason)
    {
        var r = EdgeReportReader.Read(text);
        Assert.False(r.IsValid);
        Assert.Contains(reason, r.InvalidReason);
    }

    [Fact]
    public void A_run_over_a_day_report_records_why_its_p95s_were_not_evaluated()
    {
        using var h = new RunHarness();
        var day = """{"buckets": [{"bucket": "a", "fills": 1, "net_bps": 3.1, "risk_ratio": 0.2, "latency": {"p95": 100}}, {"bucket": "b", "fills": 3, "net_bps": 2.9, "risk_ratio": 0.3, "latency": {"p95": 900}}]}""";
        h.Run(h.Options(new ListSource(new[] { day }), 1));
        var kpi = Assert.Single(h.Summaries()).Kpi;
        Assert.Contains("p95_latency_ms", kpi.NotEvaluated);
        Assert.Contains(kpi.Reasons, r => r.StartsWith("p95_latency_ms not evaluated") && r.Contains("a p95 of per-bucket p95s is not a p95"));
        Assert.Contains(kpi.Reasons, r => r.Contains("weighted by fills"));
        Assert.NotEqual(Verdict.INVALID, kpi.Verdict);
    }
}
