using System.Globalization;

namespace SoakPS.Engine.Tests;

/// <summary>Crafted edge reports in the real format.</summary>
public static class ReportTexts
{
    public static string Make(double net = 3.0, double risk = 0.38, double adverse = 2.0, double slippage = 1.0, double cancel = 0.3,
        double latency = 200, double makerTaker = 1.2) =>
        string.Create(CultureInfo.InvariantCulture,
            $$$"""{"totals":{"net_bps":{{{net}}},"risk_ratio":{{{risk}}},"adverse_bps_p95":{{{adverse}}},"slippage_bps_p95":{{{slippage}}},"cancel_ratio":{{{cancel}}},"p95_latency_ms":{{{latency}}},"maker_taker_ratio":{{{makerTaker}}}}}""");

    /// <summary>A report that fires no rule and passes every KPI: OK, stable.</summary>
    public static string Stable => Make();

    /// <summary>risk ≥ 0.60: min_interval +5, impact_cap −0.01, tail_age +30; KPI FAIL.</summary>
    public static string RiskHigh => Make(net: 1.0, risk: 0.65);

    /// <summary>Calm and profitable: counts toward a freeze, and fires "relax".</summary>
    public static string Calm => Make(net: 3.2, risk: 0.25, adverse: 1.5, slippage: 1.0);
}
