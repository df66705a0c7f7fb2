namespace SoakPS.Engine.Tuning;

/// <summary>A comparison of one summary metric with a threshold, e.g. risk_ratio &gt;= 0.60.</summary>
internal sealed record RuleCondition(string Metric, string Op, double Value)
{
    public bool Holds(double? actual) => actual is { } v && Op switch
    {
        ">" => v > Value,
        ">=" => v >= Value,
        "<" => v < Value,
        "<=" => v <= Value,
        _ => throw new SoakException("InvalidRuleOperator", SoakErrorKind.InvalidData, $"Unknown rule operator '{Op}' (use >, >=, <, <=).", Op),
    };
}

/// <summary>One change a rule asks for: move <see cref="Parameter"/> by <see cref="Step"/> but never past <see cref="Limit"/>.</summary>
internal sealed record RuleStep(string Parameter, decimal Step, decimal Limit);

/// <summary>A tuning rule (docs/kpi-policy.md): when every condition holds for <see cref="Consecutive"/> valid iterations in a row, propose its steps.</summary>
internal sealed record TuningRule(string Name, IReadOnlyList<RuleCondition> When, IReadOnlyList<RuleStep> Changes, int Consecutive = 1);
