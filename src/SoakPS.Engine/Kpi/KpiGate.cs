using System.Globalization;
using SoakPS.Engine.Reports;

namespace SoakPS.Engine.Kpi;

/// <summary>Judges one iteration's metrics against the KPI policy, and a run by its recent iterations (SPEC §9).</summary>
public static class KpiGate
{
    public static KpiResult Evaluate(EdgeMetrics metrics, KpiPolicy policy)
    {
        var fails = new List<string>();
        var warns = new List<string>();
        var absent = new List<string>();

        Check("risk_ratio", metrics.RiskRatio, v => v > policy.FailRiskRatioAbove, $"> {F(policy.FailRiskRatioAbove)}", fails, absent);
        Check("net_bps", metrics.NetBps, v => v < policy.FailNetBpsBelow, $"< {F(policy.FailNetBpsBelow)}", fails, absent);
        Check("p95_latency_ms", metrics.P95LatencyMs, v => v > policy.FailP95LatencyMsAbove, $"> {F(policy.FailP95LatencyMsAbove)}", fails, absent);

        Check("risk_ratio", metrics.RiskRatio, v => v > policy.WarnRiskRatioAbove && v <= policy.FailRiskRatioAbove, $"> {F(policy.WarnRiskRatioAbove)}", warns, null);
        Check("net_bps", metrics.NetBps, v => v < policy.WarnNetBpsBelow && v >= policy.FailNetBpsBelow, $"< {F(policy.WarnNetBpsBelow)}", warns, null);
        Check("adverse_bps_p95", metrics.AdverseBpsP95, v => v > policy.WarnAdverseBpsP95Above, $"> {F(policy.WarnAdverseBpsP95Above)}", warns, absent);
        Check("slippage_bps_p95", metrics.SlippageBpsP95, v => v > policy.WarnSlippageBpsP95Above, $"> {F(policy.WarnSlippageBpsP95Above)}", warns, absent);
        Check("p95_latency_ms", metrics.P95LatencyMs, v => v > policy.WarnP95LatencyMsAbove && v <= policy.FailP95LatencyMsAbove, $"> {F(policy.WarnP95LatencyMsAbove)}", warns, null);
        Check("maker_taker_ratio", metrics.MakerTakerRatio, v => v < policy.WarnMakerTakerRatioBelow, $"< {F(policy.WarnMakerTakerRatioBelow)}", warns, absent);

        var verdict = fails.Count > 0 ? Verdict.FAIL : warns.Count > 0 ? Verdict.WARN : Verdict.OK;
        var reasons = fails.Select(r => "FAIL " + r).Concat(warns.Select(r => "WARN " + r)).ToArray();
        return new KpiResult(verdict, reasons, absent.Distinct().ToArray());
    }

    /// <summary>The worst verdict over the last min(window, n) iterations; OK for a run with no iterations yet.</summary>
    public static Verdict RunVerdict(IReadOnlyList<Verdict> verdicts, KpiPolicy policy)
    {
        var window = Math.Min(policy.RunVerdictWindow, verdicts.Count);
        var worst = Verdict.OK;
        for (var i = verdicts.Count - window; i < verdicts.Count; i++)
        {
            if (verdicts[i] > worst) worst = verdicts[i];
        }
        return worst;
    }

    private static void Check(string name, double? value, Func<double, bool> breached, string rule, List<string> into, List<string>? absent)
    {
        if (value is null)
        {
            absent?.Add(name);
            return;
        }
        if (breached(value.Value))
        {
            into.Add($"{name} {F(value.Value)} {rule}");
        }
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
