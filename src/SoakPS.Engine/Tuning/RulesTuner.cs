using SoakPS.Engine.Metrics;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Tuning;

/// <summary>
/// The rule-table tuner (docs/tuning.md): turns one iteration's metrics into a proposal. Steps never cross their limit
/// and never reverse sign; a rule whose step its limit clipped to zero still votes for its direction; two rules on one
/// parameter in the same direction take the larger step; opposite directions resolve toward less risk and the conflict
/// is recorded.
/// </summary>
internal sealed class RulesTuner : ITuner
{
    public const string TunerName = "rules";

    public string Name => TunerName;

    public Proposal Propose(TuningInput input) =>
        Propose(input.Metrics, input.Current, input.Catalog, input.Rules, input.State.RuleStreaks);

    /// <param name="streaks">Per rule, how many valid iterations in a row its conditions held before this one; updated in place.</param>
    public static Proposal Propose(EdgeMetrics metrics, ParameterSet current, ParameterCatalog catalog, RuleSet rules, IDictionary<string, int> streaks)
    {
        var fired = new List<string>();
        var candidates = new Dictionary<string, List<(string Rule, decimal Delta, int Direction)>>(StringComparer.Ordinal);

        foreach (var rule in rules.Rules)
        {
            var holds = rule.When.All(c => c.Holds(MetricCatalog.Find(c.Metric).Get(metrics)));
            var streak = holds ? streaks.TryGetValue(rule.Name, out var s) ? s + 1 : 1 : 0;
            streaks[rule.Name] = streak;
            if (!holds || streak < rule.Consecutive)
            {
                continue;
            }
            fired.Add(rule.Name);
            foreach (var step in rule.Changes)
            {
                if (!current.TryGet(step.Parameter, out var value))
                {
                    continue;
                }
                var delta = BoundedStep(value, step);
                (candidates.TryGetValue(step.Parameter, out var list) ? list : candidates[step.Parameter] = new()).Add((rule.Name, delta, Math.Sign(step.Step)));
            }
        }

        if (fired.Count == 0)
        {
            return Proposal.Stable;
        }

        var deltas = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var conflicts = new List<string>();
        foreach (var (parameter, list) in candidates)
        {
            var definition = catalog[parameter];
            // A clipped step (0) still votes: a tightening rule at its limit keeps a relaxing rule from winning.
            var ups = list.Where(x => x.Direction > 0).ToList();
            var downs = list.Where(x => x.Direction < 0).ToList();
            decimal chosen;
            if (ups.Count > 0 && downs.Count > 0)
            {
                var safer = definition.SaferDirection > 0 ? ups : downs;
                chosen = safer.MaxBy(x => Math.Abs(x.Delta)).Delta;
                conflicts.Add($"{parameter}: {string.Join(" vs ", list.Select(x => $"{x.Rule} {Signed(x.Delta)}{(x.Delta == 0 ? " (at its limit)" : string.Empty)}"))} -> {Signed(chosen)} (less risk)");
            }
            else
            {
                chosen = list.MaxBy(x => Math.Abs(x.Delta)).Delta;
            }
            chosen = definition.Round(chosen);
            if (chosen != 0)
            {
                deltas[parameter] = chosen;
            }
        }

        var rationale = string.Join("; ", fired) + (conflicts.Count > 0 ? "; conflicts: " + string.Join("; ", conflicts) : string.Empty);
        return new Proposal(deltas, fired, rationale, conflicts);
    }

    /// <summary>The step, shortened so the value stops at the limit; zero when the value is already at or beyond it.</summary>
    public static decimal BoundedStep(decimal value, RuleStep step)
    {
        if (step.Step > 0)
        {
            return Math.Max(0m, Math.Min(step.Step, step.Limit - value));
        }
        if (step.Step < 0)
        {
            return Math.Min(0m, Math.Max(step.Step, step.Limit - value));
        }
        return 0m;
    }

    private static string Signed(decimal d) => (d > 0 ? "+" : string.Empty) + Json.JsonNumbers.Format(d);
}
