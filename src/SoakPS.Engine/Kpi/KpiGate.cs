using System.Globalization;
using SoakPS.Engine.Metrics;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Kpi;

/// <summary>Judges one iteration's metrics against the KPI policy, and a run by its recent iterations (docs/kpi-policy.md).</summary>
internal static class KpiGate
{
    public static KpiResult Evaluate(EdgeMetrics metrics, KpiPolicy policy)
    {
        var fails = new List<string>();
        var warns = new List<string>();
        var absent = new List<string>();

        Check(MetricCatalog.RiskRatio, metrics, v => v > policy.FailRiskRatioAbove, $"> {F(policy.FailRiskRatioAbove)}", fails, absent);
        Check(MetricCatalog.NetBps, metrics, v => v < policy.FailNetBpsBelow, $"< {F(policy.FailNetBpsBelow)}", fails, absent);
        Check(MetricCatalog.P95LatencyMs, metrics, v => v > policy.FailP95LatencyMsAbove, $"> {F(policy.FailP95LatencyMsAbove)}", fails, absent);

        Check(MetricCatalog.RiskRatio, metrics, v => v > policy.WarnRiskRatioAbove && v <= policy.FailRiskRatioAbove, $"> {F(policy.WarnRiskRatioAbove)}", warns, null);
        Check(MetricCatalog.NetBps, metrics, v => v < policy.WarnNetBpsBelow && v >= policy.FailNetBpsBelow, $"< {F(policy.WarnNetBpsBelow)}", warns, null);
        Check(MetricCatalog.AdverseBpsP95, metrics, v => v > policy.WarnAdverseBpsP95Above, $"> {F(policy.WarnAdverseBpsP95Above)}", warns, absent);
        Check(MetricCatalog.SlippageBpsP95, metrics, v => v > policy.WarnSlippageBpsP95Above, $"> {F(policy.WarnSlippageBpsP95Above)}", warns, absent);
        Check(MetricCatalog.P95LatencyMs, metrics, v => v > policy.WarnP95LatencyMsAbove && v <= policy.FailP95LatencyMsAbove, $"> {F(policy.WarnP95LatencyMsAbove)}", warns, null);
        Check(MetricCatalog.MakerTakerRatio, metrics, v => v < policy.WarnMakerTakerRatioBelow, $"< {F(policy.WarnMakerTakerRatioBelow)}", warns, absent);

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

    private static void Check(MetricDefinition metric, EdgeMetrics metrics, Func<double, bool> breached, string rule, List<string> into, List<string>? absent)
    {
        var name = metric.Name;
        var value = metric.Get(metrics);
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
