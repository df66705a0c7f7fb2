using System.Text.Json;
using SoakPS.Engine.Artifacts;
using SoakPS.Engine.Json;
using SoakPS.Engine.Kpi;
using SoakPS.Engine.Metrics;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Observability;

/// <summary>
/// The run observer behind -MetricsFile, -MetricsPort and -Dashboard: keeps the run's Prometheus metrics and dashboard
/// history current, writes the metrics textfile atomically after every iteration, and hands the HTTP server the latest
/// of both. Called on the run's thread; read by the server's threads under one lock.
/// </summary>
public sealed class RunWatcher : IRunObserver
{
    private readonly object _gate = new();
    private readonly SoakMetrics _metrics = new();
    private readonly RunHistory _history = new();
    private readonly List<Verdict> _verdicts = new();
    private readonly string? _metricsFile;
    private readonly TimeProvider _clock;
    private KpiPolicy _kpi = new();
    private string _metricsText;

    /// <param name="metricsFile">Where to keep the textfile for node_exporter's textfile collector, or null.</param>
    public RunWatcher(string? metricsFile, TimeProvider clock)
    {
        _metricsFile = metricsFile;
        _clock = clock;
        _metricsText = _metrics.Render();
    }

    public string MetricsText
    {
        get { lock (_gate) return _metricsText; }
    }

    public string DashboardJson(bool live)
    {
        DashboardData snapshot;
        lock (_gate) snapshot = _history.Snapshot(_clock.GetUtcNow(), live);
        // Serialised outside the lock, so a browser polling a long run never holds up the run's thread.
        return JsonSerializer.Serialize(snapshot, SoakJson.Compact);
    }

    public void RunStarted(RunStartedInfo run)
    {
        lock (_gate)
        {
            _kpi = run.Options.Policy.Kpi;
            _metrics.Started(run.Manifest);
            _history.Started(run.Manifest);
            Publish();
        }
    }

    public void IterationCompleted(IterationCompletedInfo iteration)
    {
        lock (_gate)
        {
            _verdicts.Add(iteration.Summary.Kpi.Verdict);
            if (_verdicts.Count > _kpi.RunVerdictWindow) _verdicts.RemoveAt(0);
            _metrics.Completed(iteration.Summary, iteration.State, iteration.Manifest, iteration.Duration, KpiGate.RunVerdict(_verdicts, _kpi));
            _history.Add(iteration.Summary);
            Publish();
        }
    }

    public void RunEnded(RunEndedInfo run)
    {
        lock (_gate)
        {
            _metrics.Ended(run.Manifest);
            _history.Ended(run.Manifest);
            Publish();
        }
    }

    private void Publish()
    {
        _metricsText = _metrics.Render();
        if (_metricsFile is not null)
        {
            // Not fsynced: the file is rewritten every iteration and the rename alone keeps a reader from seeing half of it.
            AtomicFile.WriteAllText(_metricsFile, _metricsText, durable: false);
        }
    }
}
