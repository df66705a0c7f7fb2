using SoakPS.Engine.Json;
using SoakPS.Engine.Metrics;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Tuning;

/// <summary>
/// The regime tuner (docs/tuning.md): classifies the last window from its report alone and proposes the move to that
/// class's preset. A preset is a point, not a direction, so it never ratchets: the same class always leads to the same
/// values, whatever happened before.
/// </summary>
internal sealed class RegimeTuner : ITuner
{
    public const string TunerName = "regime";

    public string Name => TunerName;

    public Proposal Propose(TuningInput input)
    {
        var policy = input.Tuner;
        var index = Classify(policy.Classes, input.Metrics);
        var target = policy.Classes[index];
        var inForce = input.State.TunerClass;
        var from = policy.IndexOf(inForce);
        var deltas = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (name, value) in target.Preset)
        {
            if (input.Current.TryGet(name, out var current) && input.Catalog.TryGet(name, out var definition) && definition.Round(value) - current is var delta && delta != 0)
            {
                deltas[name] = delta;
            }
        }
        var switches = !string.Equals(inForce, target.Name, StringComparison.Ordinal);
        var seen = Describe(target, input.Metrics);
        var rationale = switches
            ? $"last window {seen}: {target.Name} preset (was {(from >= 0 ? inForce + " preset" : "not a preset")})"
            : deltas.Count > 0 ? $"last window {seen}: back to the {target.Name} preset" : "stable";
        return new Proposal(deltas, new[] { "regime_" + target.Name }, rationale, Array.Empty<string>())
        {
            Preset = target.Name,
            Switch = switches ? new PresetSwitch(from >= 0 ? inForce : null, target.Name, from < 0 || index > from ? 1 : -1) : null,
        };
    }

    /// <summary>The first class whose conditions all hold (a metric the report lacks holds no condition); else the last class.</summary>
    public static int Classify(IReadOnlyList<RegimeClass> classes, EdgeMetrics metrics)
    {
        for (var i = 0; i < classes.Count - 1; i++)
        {
            if (classes[i].When.All(c => c.Holds(MetricCatalog.Find(c.Metric).Get(metrics))))
            {
                return i;
            }
        }
        return classes.Count - 1;
    }

    private static string Describe(RegimeClass target, EdgeMetrics metrics)
    {
        var shown = target.When.Select(c => c.Metric).DefaultIfEmpty("adverse_bps_p95").Distinct(StringComparer.Ordinal)
            .Select(m => $"{m} {(MetricCatalog.Find(m).Get(metrics) is { } v ? JsonNumbers.Format((decimal)Math.Round(v, 4)) : "absent")}");
        return $"{target.Name} ({string.Join(", ", shown)})";
    }
}
