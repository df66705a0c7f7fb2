using SoakPS.Engine.Kpi;
using SoakPS.Engine.Metrics;

namespace SoakPS.Engine.Observability;

/// <summary>
/// A KPI threshold the run is judged by, as the dashboard draws it on its metric's chart: a value crossing it
/// (<see cref="Direction"/> "above" or "below") gets the verdict <see cref="Verdict"/> (WARN or FAIL).
/// </summary>
internal sealed record DashboardThreshold(string Metric, string Verdict, string Direction, double Value)
{
    /// <summary>Every threshold of the policy, in the order the KPI gate checks them (FAIL before WARN).</summary>
    public static IReadOnlyList<DashboardThreshold> Of(KpiPolicy policy) => new[]
    {
        new DashboardThreshold(MetricCatalog.RiskRatio.Name, "FAIL", "above", policy.FailRiskRatioAbove),
        new DashboardThreshold(MetricCatalog.NetBps.Name, "FAIL", "below", policy.FailNetBpsBelow),
        new DashboardThreshold(MetricCatalog.P95LatencyMs.Name, "FAIL", "above", policy.FailP95LatencyMsAbove),
        new DashboardThreshold(MetricCatalog.RiskRatio.Name, "WARN", "above", policy.WarnRiskRatioAbove),
        new DashboardThreshold(MetricCatalog.NetBps.Name, "WARN", "below", policy.WarnNetBpsBelow),
        new DashboardThreshold(MetricCatalog.AdverseBpsP95.Name, "WARN", "above", policy.WarnAdverseBpsP95Above),
        new DashboardThreshold(MetricCatalog.SlippageBpsP95.Name, "WARN", "above", policy.WarnSlippageBpsP95Above),
        new DashboardThreshold(MetricCatalog.P95LatencyMs.Name, "WARN", "above", policy.WarnP95LatencyMsAbove),
        new DashboardThreshold(MetricCatalog.MakerTakerRatio.Name, "WARN", "below", policy.WarnMakerTakerRatioBelow),
    };
}
