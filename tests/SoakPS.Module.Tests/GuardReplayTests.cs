using System.Globalization;
using System.Text.Json.Nodes;

namespace SoakPS.Module.Tests;

/// <summary>Guards firing through Start-SoakRun on crafted edge reports replayed from a folder.</summary>
public class GuardReplayTests
{
    private static string Report(double net, double risk, double adverse = 2.0, double slippage = 1.0, double cancel = 0.3) =>
        string.Create(CultureInfo.InvariantCulture,
            $$$"""{"totals":{"net_bps":{{{net}}},"risk_ratio":{{{risk}}},"adverse_bps_p95":{{{adverse}}},"slippage_bps_p95":{{{slippage}}},"cancel_ratio":{{{cancel}}},"p95_latency_ms":200,"maker_taker_ratio":1.2}}""");

    private static string Folder(PowerShellSession s, params string[] reports)
    {
        var folder = Path.Combine(s.ArtifactRoot, "crafted");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < reports.Length; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"{i + 1}.json"), reports[i]);
        }
        return folder;
    }

    private static JsonNode Summary(PowerShellSession s, string root, int n) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", $"ITER_SUMMARY_{n}.json")))!;

    [Fact]
    public void With_a_freeze_active_impact_cap_and_max_delta_hold_while_min_interval_moves_and_after_expiry_impact_cap_moves()
    {
        using var s = new PowerShellSession();
        var calm = Report(2.8, 0.35);
        var elevatedAdverse = Report(2.8, 0.45, adverse: 4.0);
        var stable = Report(3.0, 0.38);
        var folder = Folder(s, calm, calm, elevatedAdverse, stable, stable, stable, elevatedAdverse, stable);
        var root = Path.Combine(s.ArtifactRoot, "soak");

        var run = s.Run($"Start-SoakRun -Replay '{folder}' -Iterations 8 -AutoTune -Tuner rules -ArtifactPath '{root}'");
        Assert.Empty(run.AllErrors);
        var third = run.Output[2];
        Assert.Contains("impact_cap_ratio: frozen", third.Prop<string>("Blocked"));
        Assert.Contains("max_delta_ratio: frozen", third.Prop<string>("Blocked"));
        Assert.Contains("min_interval_ms 70→75", third.Prop<string>("Changes"));
        Assert.Equal(0.09m, third.Prop<decimal>("ImpactCapRatio"));
        var seventh = run.Output[6];
        Assert.Contains("impact_cap_ratio 0.09→0.08", seventh.Prop<string>("Changes"));
        Assert.Equal("frozen", (string)Summary(s, root, 3)["tuning"]!["outcomes"]!["impact_cap_ratio"]!["status"]!);
    }

    [Fact]
    public void Three_consecutive_fails_revert_the_live_file_to_steady_safe_in_that_iteration()
    {
        using var s = new PowerShellSession();
        var fail = Report(1.0, 0.65);
        var folder = Folder(s, fail, fail, fail, Report(3.0, 0.38));
        var root = Path.Combine(s.ArtifactRoot, "soak");
        var run = s.Run($"Start-SoakRun -Replay '{folder}' -Iterations 4 -AutoTune -Tuner rules -Profile aggressive -ArtifactPath '{root}'");
        Assert.Contains(run.Warnings, w => w.Message.Contains("reverted to steady_safe"));
        var third = Summary(s, root, 3)["tuning"]!["overrides"]!.AsObject();
        Assert.Equal(75m, (decimal)third["min_interval_ms"]!);
        Assert.Equal(740m, (decimal)third["tail_age_ms"]!);
        Assert.Equal(0.16m, (decimal)third["base_spread_bps_delta"]!);
        Assert.Equal(0.08m, (decimal)third["impact_cap_ratio"]!);
        Assert.Equal(0.12m, (decimal)third["max_delta_ratio"]!);
        Assert.Equal(260m, (decimal)third["replace_rate_per_min"]!);
        Assert.Contains("panic", run.Output[2].Prop<string>("Blocked"));
    }

    [Fact]
    public void An_invalid_report_makes_an_invalid_iteration_and_the_run_goes_on()
    {
        using var s = new PowerShellSession();
        var folder = Folder(s, "{\"totals\": {\"net_bps\": \"NaN\"}}", "not json at all", Report(2.8, 0.45, cancel: 0.6), Report(3.0, 0.38));
        var root = Path.Combine(s.ArtifactRoot, "soak");
        var run = s.Run($"Start-SoakRun -Replay '{folder}' -Iterations 4 -AutoTune -Tuner rules -ArtifactPath '{root}'");
        Assert.Empty(run.AllErrors);
        Assert.Equal(new[] { "INVALID", "INVALID", "WARN", "OK" }, run.Output.Select(o => o.Prop<string>("Verdict")));
        Assert.False(run.Output[0].Prop<bool>("Applied"));
        Assert.Equal("invalid_report", run.Output[1].Prop<string>("SkipReason"));
        Assert.True(run.Output[2].Prop<bool>("Applied"));
    }
}
