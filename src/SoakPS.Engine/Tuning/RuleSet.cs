namespace SoakPS.Engine.Tuning;

/// <summary>The tuning rules as data; the built-in set is the table of docs/kpi-policy.md and a profile may replace it.</summary>
internal sealed record RuleSet(IReadOnlyList<TuningRule> Rules)
{
    public static RuleSet BuiltIn { get; } = new(new[]
    {
        new TuningRule("risk_high", new[] { C("risk_ratio", ">=", 0.60) }, new[]
        {
            S("min_interval_ms", 5m, 80m), S("impact_cap_ratio", -0.01m, 0.08m), S("tail_age_ms", 30m, 800m),
        }),
        new TuningRule("risk_elevated", new[] { C("risk_ratio", ">=", 0.40), C("risk_ratio", "<", 0.60) }, new[]
        {
            S("min_interval_ms", 5m, 75m), S("impact_cap_ratio", -0.005m, 0.09m),
        }),
        new TuningRule("adverse", new[] { C("adverse_bps_p95", ">", 3.5) }, new[]
        {
            S("impact_cap_ratio", -0.01m, 0.08m), S("max_delta_ratio", -0.01m, 0.10m),
        }),
        new TuningRule("slippage", new[] { C("slippage_bps_p95", ">", 2.5) }, new[]
        {
            S("base_spread_bps_delta", 0.02m, 0.25m), S("tail_age_ms", 30m, 800m),
        }),
        new TuningRule("cancels", new[] { C("cancel_ratio", ">", 0.55) }, new[]
        {
            S("min_interval_ms", 5m, 80m), S("replace_rate_per_min", -30m, 200m),
        }),
        new TuningRule("negative_edge", new[] { C("net_bps", "<", 0) }, new[]
        {
            S("base_spread_bps_delta", 0.02m, 0.25m), S("replace_rate_per_min", -30m, 200m), S("tail_age_ms", 50m, 800m),
        }, Consecutive: 2),
        new TuningRule("relax", new[]
        {
            C("risk_ratio", "<", 0.35), C("net_bps", ">=", 3.0), C("adverse_bps_p95", "<=", 3.0), C("slippage_bps_p95", "<=", 2.0),
        }, new[]
        {
            S("min_interval_ms", -3m, 50m), S("impact_cap_ratio", 0.005m, 0.10m),
        }),
    });

    private static RuleCondition C(string metric, string op, double value) => new(metric, op, value);

    private static RuleStep S(string parameter, decimal step, decimal limit) => new(parameter, step, limit);
}
