using SoakPS.Engine.Files;
using SoakPS.Engine.History;
using SoakPS.Engine.Metrics;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Observability;

/// <summary>
/// The iterations of one run as the dashboard shows them, built up as iterations complete (live) or from a run's
/// summaries on disk (Export-SoakReport); also tracks where each current parameter value came from.
/// </summary>
internal sealed class RunHistory
{
    /// <summary>The page draws at most this many points and events; a longer run shows its most recent ones.</summary>
    public const int MaxPoints = 5000;

    private readonly Queue<DashboardPoint> _points = new();
    private readonly Queue<DashboardEvent> _events = new();
    private readonly SortedDictionary<string, (decimal Value, string Source)> _overrides = new(StringComparer.Ordinal);
    private RunManifest _manifest = new();
    private Records.Verdict? _verdictSoFar;
    private IReadOnlyList<DashboardThreshold> _thresholds = Array.Empty<DashboardThreshold>();

    /// <param name="kpi">The KPI policy the run is judged by (its thresholds are drawn), or null when it is not known.</param>
    public void Started(RunManifest manifest, Kpi.KpiPolicy? kpi = null)
    {
        _manifest = manifest;
        if (kpi is not null) _thresholds = DashboardThreshold.Of(kpi);
        var origin = manifest.Profile is null ? "start of run" : $"start of run (profile {manifest.Profile})";
        foreach (var (name, value) in manifest.InitialOverrides)
        {
            _overrides.TryAdd(name, (value, origin));
        }
    }

    /// <param name="verdictSoFar">The run verdict over the iterations so far (live); run.json has it only once the run ends.</param>
    public void Add(IterationSummary summary, Records.Verdict? verdictSoFar = null)
    {
        _verdictSoFar = verdictSoFar ?? _verdictSoFar;
        var n = summary.Iteration;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var metric in MetricCatalog.All)
        {
            if (metric.Get(summary.Summary) is { } value) metrics[metric.Name] = value;
        }
        var tuning = summary.Tuning;
        Enqueue(_points, new DashboardPoint(n, summary.Timestamp, summary.Kpi.Verdict.ToString(), metrics, tuning.Overrides, tuning.Applied, tuning.SkipReason,
            summary.Kpi.Reasons.Concat(summary.Kpi.NotEvaluated.Select(m => "not evaluated: " + m)).ToList()));
        foreach (var e in tuning.Events)
        {
            Enqueue(_events, new DashboardEvent(n, e.Guard, e.Code, e.Message, e.IsWarning));
        }
        var why = tuning.SkipReason == "external_change" ? $"changed outside the run (seen at iteration {n})"
            : tuning.Events.Any(e => e.Code == Guards.PanicRevertGuard.RevertCode) ? $"panic revert at iteration {n}"
            : tuning.Events.Any(e => e.Guard == "state") ? $"restored by the state check at iteration {n}"
            : $"tuned at iteration {n}";
        foreach (var (name, value) in tuning.Overrides)
        {
            if (!_overrides.TryGetValue(name, out var known) || known.Value != value)
            {
                _overrides[name] = (value, _overrides.ContainsKey(name) ? why : "start of run");
            }
        }
    }

    public void Ended(RunManifest manifest) => _manifest = manifest;

    /// <param name="after">Only the points and events of iterations after this one (what a polling page does not have yet); 0: all.</param>
    public DashboardData Snapshot(DateTimeOffset now, bool live, int after = 0) => new(
        new DashboardRun(_manifest.RunId, _manifest.Status, _manifest.Source, _manifest.Profile, _manifest.IterationsPlanned, _manifest.IterationsCompleted,
            _manifest.Verdict ?? _verdictSoFar?.ToString(), _manifest.StartedUtc, _manifest.EndedUtc, _manifest.Error),
        MetricCatalog.All.Select(m => new DashboardMetric(m.Name, m.Unit, m.Help)).ToList(),
        _overrides.Keys.ToList(),
        _points.Where(p => p.Iteration > after).ToList(),
        _events.Where(e => e.Iteration > after).ToList(),
        _overrides.Select(o => new DashboardOverride(o.Key, o.Value.Value, o.Value.Source)).ToList(),
        now,
        live) { Thresholds = _thresholds };

    /// <summary>A finished (or running) run read back from its folder; unreadable summaries are reported, not fatal.</summary>
    public static RunHistory FromFolder(RunFolder folder, RunManifest manifest, Kpi.KpiPolicy? kpi, Action<string, Exception> onUnreadable)
    {
        var history = new RunHistory();
        history.Started(manifest, kpi);
        foreach (var summary in IterationSummaryReader.Read(folder, null, null, onUnreadable))
        {
            history.Add(summary);
        }
        history.Ended(manifest);
        return history;
    }

    private static void Enqueue<T>(Queue<T> queue, T item)
    {
        queue.Enqueue(item);
        if (queue.Count > MaxPoints) queue.Dequeue();
    }
}
