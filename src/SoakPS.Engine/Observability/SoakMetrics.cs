using SoakPS.Engine.Guards;
using SoakPS.Engine.Json;
using SoakPS.Engine.Metrics;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Observability;

/// <summary>
/// The Prometheus metrics of a run (docs/metrics.md): run info, progress, each KPI metric of the last iteration in base units,
/// verdicts, parameter values, and the counters of applies, guard blocks, panic reverts, invalid reports and iteration time.
/// </summary>
internal sealed class SoakMetrics
{
    private static readonly string[] Verdicts = Enum.GetNames<Verdict>();

    /// <summary>Guard outcomes that block a change (the label values of soak_guard_blocks_total).</summary>
    private static readonly string[] BlockingStatuses = Enum.GetValues<ParameterStatus>()
        .Where(s => s is not (ParameterStatus.Applied or ParameterStatus.NoEffectiveChange)).Select(s => SnakeCase.Of(s)).ToArray();

    private RunManifest? _manifest;
    private IterationSummary? _last;
    private TuningState? _state;
    private readonly Dictionary<string, int> _blocks = BlockingStatuses.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
    private int _applies;
    private int _panicReverts;
    private int _invalidReports;
    private int _iterations;
    private double _durationSeconds;
    private Verdict? _runVerdict;
    private readonly string? _instance;

    /// <param name="instance">The operator's name for this soak (label soak_instance), stable across its runs; null: none.</param>
    public SoakMetrics(string? instance = null) => _instance = instance;

    public void Started(RunManifest manifest) => _manifest = manifest;

    public void Completed(IterationSummary summary, TuningState state, RunManifest manifest, TimeSpan duration, Verdict runVerdict)
    {
        _manifest = manifest;
        _last = summary;
        _state = state;
        _runVerdict = runVerdict;
        _iterations++;
        _durationSeconds += duration.TotalSeconds;
        // Counted from what each iteration recorded, so the counters agree with ITER_SUMMARY and TUNING_REPORT.
        _applies += summary.Tuning.Applied ? 1 : 0;
        _panicReverts += summary.Tuning.Events.Any(e => e.Code == PanicRevertGuard.RevertCode) ? 1 : 0;
        _invalidReports += summary.Kpi.Verdict == Verdict.INVALID ? 1 : 0;
        foreach (var outcome in summary.Tuning.Outcomes.Values)
        {
            if (_blocks.TryGetValue(SnakeCase.Of(outcome.Status), out var count)) _blocks[SnakeCase.Of(outcome.Status)] = count + 1;
        }
    }

    public void Ended(RunManifest manifest) => _manifest = manifest;

    public string Render()
    {
        var m = _manifest;
        // Every series carries the run (and the operator's instance name): two soaks writing to one textfile folder, or
        // scraped as one target, stay distinct series.
        var identity = new List<(string, string)> { ("run_id", m?.RunId ?? "") };
        if (_instance is not null) identity.Add(("soak_instance", _instance));
        var p = new PrometheusText(identity.ToArray());
        p.Family("soak_run_info", "gauge", "The soak run being watched; always 1, its identity in labels.");
        p.Sample("soak_run_info", 1, ("source", m?.Source ?? ""), ("profile", m?.Profile ?? ""), ("status", m?.Status ?? ""));
        p.Family("soak_iterations_planned", "gauge", "Iterations the run will perform.");
        p.Sample("soak_iterations_planned", m?.IterationsPlanned ?? 0);
        p.Family("soak_iteration", "gauge", "The last completed iteration.");
        p.Sample("soak_iteration", _last?.Iteration ?? m?.IterationsCompleted ?? 0);

        if (_last is { } last)
        {
            foreach (var metric in MetricCatalog.All)
            {
                if (metric.Get(last.Summary) is not { } value)
                {
                    continue;
                }
                p.Family(metric.PrometheusName, "gauge", $"{metric.Help} Last completed iteration ({metric.Name}).");
                p.Sample(metric.PrometheusName, value * metric.PrometheusScale);
            }
            p.Family("soak_verdict", "gauge", "KPI verdict of the last completed iteration: 1 for the verdict it got, 0 for the others.");
            foreach (var v in Verdicts)
            {
                p.Sample("soak_verdict", v == last.Kpi.Verdict.ToString() ? 1 : 0, ("verdict", v));
            }
            p.Family("soak_run_verdict", "gauge", "Run verdict (worst of the recent iterations): 1 for the verdict, 0 for the others.");
            foreach (var v in Verdicts)
            {
                p.Sample("soak_run_verdict", v == _runVerdict?.ToString() ? 1 : 0, ("verdict", v));
            }
            p.Family("soak_parameter_value", "gauge", "Value of each runtime parameter in force after the last completed iteration, in the parameter's own unit.");
            foreach (var (name, value) in last.Tuning.Overrides)
            {
                p.Sample("soak_parameter_value", (double)value, ("parameter", name));
            }
        }

        p.Family("soak_applies_total", "counter", "Iterations that changed runtime_overrides.json (tuning or panic revert).");
        p.Sample("soak_applies_total", _applies);
        p.Family("soak_guard_blocks_total", "counter", "Proposed parameter changes blocked, by the guard outcome that blocked them.");
        foreach (var status in BlockingStatuses)
        {
            p.Sample("soak_guard_blocks_total", _blocks[status], ("guard", status));
        }
        p.Family("soak_panic_reverts_total", "counter", "Panic reverts to the panic target after consecutive KPI failures.");
        p.Sample("soak_panic_reverts_total", _panicReverts);
        p.Family("soak_freeze_active", "gauge", "1 while the freeze guard holds impact_cap_ratio and max_delta_ratio, else 0.");
        p.Sample("soak_freeze_active", _state is { } s && _last is { } l && s.FrozenUntil > l.Iteration ? 1 : 0);
        p.Family("soak_invalid_reports_total", "counter", "Iterations whose edge report was invalid (never used for tuning).");
        p.Sample("soak_invalid_reports_total", _invalidReports);
        p.Family("soak_iteration_duration_seconds", "summary", "Wall time of an iteration, from obtaining the report to its summary on disk.");
        p.Sample("soak_iteration_duration_seconds_sum", _durationSeconds);
        p.Sample("soak_iteration_duration_seconds_count", _iterations);
        return p.ToString();
    }
}
