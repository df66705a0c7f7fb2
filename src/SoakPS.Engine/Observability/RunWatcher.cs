using System.Text;
using System.Text.Json;
using SoakPS.Engine.Files;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Observability;

/// <summary>
/// The run observer behind -MetricsFile, -MetricsPort and -Dashboard: keeps the run's Prometheus metrics and dashboard
/// history current, rewrites the metrics textfile atomically after an iteration (at most once per
/// <see cref="TextfileInterval"/>, and always at the start and end of the run), and hands the HTTP server the latest of
/// both. Called on the run's thread; the server's threads read the pre-rendered metrics without a lock and the history
/// under one.
/// </summary>
internal sealed class RunWatcher : IRunObserver
{
    /// <summary>
    /// Iterations slower than this (every real soak) rewrite the textfile each time; faster ones (mock and simulated
    /// runs) would spend more time replacing the file than node_exporter, which reads it at its scrape interval, can use.
    /// </summary>
    public static readonly TimeSpan TextfileInterval = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly SoakMetrics _metrics;
    private readonly RunHistory _history = new();
    private readonly string? _metricsFile;
    private readonly TimeProvider _clock;
    private volatile byte[] _metricsBody;
    private DateTimeOffset? _textfileWritten;
    private readonly TaskCompletionSource _endServed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _pageWatching;

    /// <param name="metricsFile">Where to keep the textfile for node_exporter's textfile collector, or null.</param>
    /// <param name="instance">The soak_instance label of every metric, or null.</param>
    public RunWatcher(string? metricsFile, TimeProvider clock, string? instance = null)
    {
        _metrics = new SoakMetrics(instance);
        _metricsFile = metricsFile;
        _clock = clock;
        _metricsBody = Encoding.UTF8.GetBytes(_metrics.Render());
    }

    /// <summary>The exposition of the latest state, UTF-8, rendered once per event (not per scrape); never modified.</summary>
    public byte[] MetricsBody => _metricsBody;

    public string MetricsText => Encoding.UTF8.GetString(_metricsBody);

    /// <summary>
    /// The live dashboard's data as UTF-8 JSON: the run, the current overrides, and the points and events of iterations
    /// after <paramref name="after"/>, so a page that polls every second is sent what is new, not the whole history again.
    /// </summary>
    public byte[] DashboardJson(int after = 0)
    {
        DashboardData snapshot;
        lock (_gate) snapshot = _history.Snapshot(_clock.GetUtcNow(), live: true, after);
        // Serialised outside the lock, so a browser polling a long run never holds up the run's thread.
        var json = JsonSerializer.SerializeToUtf8Bytes(snapshot, SoakJson.Compact);
        _pageWatching = true;
        if (snapshot.Run.Status != RunStatus.Running) _endServed.TrySetResult();
        return json;
    }

    /// <summary>
    /// After the run: when a page has been polling, waits up to <paramref name="grace"/> for it to fetch the final state
    /// (last iteration, run verdict, "ended"), so it does not lose the server one poll short of the end.
    /// </summary>
    /// <returns>False if a watching page did not come back in time (it then marks itself stale).</returns>
    public bool WaitForPagesToSeeTheEnd(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (!_pageWatching) return true;
        try
        {
            return _endServed.Task.Wait(grace, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void RunStarted(RunStartedInfo run)
    {
        lock (_gate)
        {
            _metrics.Started(run.Manifest);
            _history.Started(run.Manifest, run.Options.Policy.Kpi);
            Publish(always: true);
        }
    }

    public void IterationCompleted(IterationCompletedInfo iteration)
    {
        lock (_gate)
        {
            _metrics.Completed(iteration.Summary, iteration.State, iteration.Manifest, iteration.Duration, iteration.RunVerdict);
            _history.Add(iteration.Summary, iteration.RunVerdict);
            Publish(always: false);
        }
    }

    public void RunEnded(RunEndedInfo run)
    {
        lock (_gate)
        {
            _metrics.Ended(run.Manifest);
            _history.Ended(run.Manifest);
            Publish(always: true);
        }
    }

    private void Publish(bool always)
    {
        var body = Encoding.UTF8.GetBytes(_metrics.Render());
        _metricsBody = body;
        var now = _clock.GetUtcNow();
        if (_metricsFile is null || !always && _textfileWritten is { } last && now - last < TextfileInterval)
        {
            return;
        }
        // Not fsynced: it is a snapshot the next write replaces; the rename alone keeps a reader from seeing half of it.
        AtomicFile.WriteAllBytes(_metricsFile, body, durable: false);
        _textfileWritten = now;
    }
}
