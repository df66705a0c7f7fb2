using System.Text.Json;
using SoakPS.Engine.Metrics;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Profiles;

/// <summary>A profile's policy.rules (the rules tuner's table) and the conditions rules and regime classes share: {"metric", "op", "value"}.</summary>
internal static class RulesPolicyFile
{
    private static readonly string[] RuleKeys = { "name", "when", "changes", "consecutive" };
    private static readonly string[] ConditionKeys = { "metric", "op", "value" };
    private static readonly string[] StepKeys = { "parameter", "step", "limit" };
    private static readonly string[] Operators = { ">", ">=", "<", "<=" };

    public static RuleSet Read(JsonElement element, string path, ParameterCatalog catalog)
    {
        if (element.ValueKind != JsonValueKind.Array) throw PolicySectionJson.Invalid(path, "policy.rules", "must be an array of rules");
        var rules = new List<TuningRule>();
        var index = 0;
        foreach (var r in element.EnumerateArray())
        {
            var key = $"policy.rules[{index++}]";
            if (r.ValueKind != JsonValueKind.Object) throw PolicySectionJson.Invalid(path, key, "must be an object");
            PolicySectionJson.CheckKeys(r, RuleKeys, path, key);
            var name = r.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 } s
                ? s : throw PolicySectionJson.Invalid(path, key + ".name", "must be a non-empty string");
            var when = PolicySectionJson.ReadArray(r, "when", path, key, (c, ck) => ReadCondition(c, path, ck));
            var changes = PolicySectionJson.ReadArray(r, "changes", path, key, (c, ck) =>
            {
                PolicySectionJson.CheckKeys(c, StepKeys, path, ck);
                var parameter = c.TryGetProperty("parameter", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : throw PolicySectionJson.Invalid(path, ck + ".parameter", "must be a string");
                if (!catalog.TryGet(parameter, out var def))
                {
                    throw new SoakException("UnknownParameter", SoakErrorKind.InvalidData, $"{path}: {ck} changes unknown parameter '{parameter}'.{catalog.Suggest(parameter)}", parameter);
                }
                if (!c.TryGetProperty("step", out var st) || !c.TryGetProperty("limit", out var li)) throw PolicySectionJson.Invalid(path, ck, "needs step and limit");
                var step = ParameterValue.FromJson(st, path, ck + ".step");
                var limit = ParameterValue.FromJson(li, path, ck + ".limit");
                if (step == 0) throw PolicySectionJson.Invalid(path, ck + ".step", "must not be zero");
                if (!def.InBounds(limit)) throw PolicySectionJson.OutOfBounds(path, def, limit, ck + ".limit");
                return new RuleStep(parameter, step, limit);
            });
            var consecutive = 1;
            if (r.TryGetProperty("consecutive", out var cons) && (cons.ValueKind != JsonValueKind.Number || !cons.TryGetInt32(out consecutive) || consecutive < 1))
            {
                throw PolicySectionJson.Invalid(path, key + ".consecutive", "must be a positive integer");
            }
            rules.Add(new TuningRule(name, when, changes, consecutive));
        }
        return new RuleSet(rules);
    }

    /// <summary>One condition of a rule or a regime class: {"metric", "op", "value"}.</summary>
    internal static RuleCondition ReadCondition(JsonElement c, string path, string key)
    {
        PolicySectionJson.CheckKeys(c, ConditionKeys, path, key);
        var metric = c.TryGetProperty("metric", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : throw PolicySectionJson.Invalid(path, key + ".metric", "must be a string");
        if (!MetricCatalog.TryFind(metric, out _)) throw PolicySectionJson.Invalid(path, key + ".metric", $"unknown metric '{metric}'.{NameSuggestion.For(metric, MetricCatalog.Names)}");
        var op = c.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : throw PolicySectionJson.Invalid(path, key + ".op", "must be a string");
        if (!Operators.Contains(op)) throw PolicySectionJson.Invalid(path, key + ".op", $"'{op}' is not one of >, >=, <, <=");
        if (!c.TryGetProperty("value", out var v)) throw PolicySectionJson.Invalid(path, key + ".value", "is missing");
        return new RuleCondition(metric, op, (double)ParameterValue.FromJson(v, path, key + ".value"));
    }
}
