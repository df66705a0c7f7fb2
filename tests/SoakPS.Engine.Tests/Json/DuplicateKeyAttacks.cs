using SoakPS.Engine.EdgeReports;
using SoakPS.Engine.Json;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Tests.Parameters;

namespace SoakPS.Engine.Tests.Attacks;

/// <summary>Attack class "duplicate JSON keys": one rule everywhere, a repeated key is refused, never "last wins".</summary>
[Trait("Category", "Attack")]
public sealed class DuplicateKeyAttacks : IDisposable
{
    private const string Flat = "\"base_spread_bps_delta\": 0.16, \"impact_cap_ratio\": 0.08, \"max_delta_ratio\": 0.12, \"min_interval_ms\": 75, \"replace_rate_per_min\": 260, \"tail_age_ms\": 740";

    private readonly TempRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("{\"totals\": {\"net_bps\": -5, \"net_bps\": 3}}", "net_bps")]
    [InlineData("{\"totals\": {\"net_bps\": 3, \"risk_ratio\": 0.9, \"risk_ratio\": 0.1}}", "risk_ratio")]
    [InlineData("{\"totals\": {\"net_bps\": 3}, \"totals\": {\"net_bps\": -9}}", "totals")]
    [InlineData("{\"totals\": {\"net_bps\": 3, \"block_reasons\": {\"risk\": {\"ratio\": 0.1, \"ratio\": 0.9}}}}", "ratio")]
    public void An_edge_report_with_a_repeated_key_is_invalid_and_names_the_key(string report, string key)
    {
        var read = EdgeReportReader.Read(report);
        Assert.False(read.IsValid);
        Assert.Contains($"'{key}'", read.InvalidReason);
        Assert.Contains("more than once", read.InvalidReason);
    }

    [Fact]
    public void The_live_file_with_a_repeated_parameter_is_invalid()
    {
        var file = new OverridesFile(_root.Layout);
        File.WriteAllText(file.Path, "{" + Flat + ", \"min_interval_ms\": 40}");
        var read = file.Read(ParameterCatalog.Default);
        Assert.False(read.IsValid);
        Assert.Equal("DuplicateJsonKey", read.ErrorId);
        Assert.Contains("min_interval_ms", read.Reason);
    }

    [Theory]
    [InlineData("{\"parameters\": {\"min_interval_ms\": 75, \"min_interval_ms\": 40}}", "min_interval_ms")]
    [InlineData("{\"policy\": {\"kpi\": {\"fail_net_bps_below\": 2.0, \"fail_net_bps_below\": -100}}}", "fail_net_bps_below")]
    [InlineData("{\"policy\": {\"guards\": {\"panic_fail_streak\": 3, \"panic_fail_streak\": 99}}}", "panic_fail_streak")]
    [InlineData("{\"policy\": {\"bounds\": {\"min_interval_ms\": {\"min\": 40, \"min\": 1}}}}", "min")]
    public void A_profile_or_its_policy_with_a_repeated_key_is_refused(string json, string key)
    {
        _root.WriteProfile("dup", json);
        var error = Assert.Throws<SoakException>(() => new ProfileStore(_root.Layout).Load("dup"));
        Assert.Equal("InvalidProfileFile", error.ErrorId);
        Assert.Contains($"'{key}'", error.Message);
        Assert.Contains("more than once", error.Message);
    }

    [Fact]
    public void The_environment_with_a_repeated_parameter_is_refused()
    {
        var error = Assert.Throws<SoakException>(() =>
            ParameterResolver.ReadEnvironment("{\"min_interval_ms\": 75, \"min_interval_ms\": 40}", ParameterCatalog.Default));
        Assert.Equal("DuplicateJsonKey", error.ErrorId);
    }

    [Fact]
    public void Keys_that_differ_only_in_case_are_different_keys()
    {
        using var document = StrictJson.Parse("{\"a\": {\"Net\": 1, \"net\": 2}, \"b\": [{\"x\": 1}, {\"x\": 2}]}");
        Assert.Equal(2, document.RootElement.GetProperty("a").EnumerateObject().Count());
    }

    [Fact]
    public void Conflicting_totals_and_total_make_the_report_invalid_while_agreeing_ones_are_read()
    {
        var conflict = EdgeReportReader.Read("{\"totals\": {\"net_bps\": 3.1}, \"total\": {\"net_bps\": -2.0}}");
        Assert.False(conflict.IsValid);
        Assert.Contains("'totals' and 'total'", conflict.InvalidReason);

        var agreeing = EdgeReportReader.Read("{\"totals\": {\"net_bps\": 3.1}, \"total\": {\"net_bps\": 3.1}}");
        Assert.True(agreeing.IsValid);
        Assert.Equal(3.1, agreeing.Metrics!.NetBps);
    }
}
