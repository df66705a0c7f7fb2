using System.Net;
using SoakPS.Engine.Files;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Observability;

/// <summary>What a run is asked to expose: a metrics textfile, and a loopback server with /metrics and, optionally, the dashboard.</summary>
internal sealed record RunObservabilityOptions
{
    public string? MetricsFile { get; init; }

    /// <summary>Replace a read-only metrics file.</summary>
    public bool Force { get; init; }

    /// <summary>Serve /metrics on this port (0: any free port); null: no server unless the dashboard wants one.</summary>
    public int? MetricsPort { get; init; }

    public bool Dashboard { get; init; }

    /// <summary>The soak_instance label of every metric (a name for this soak, stable across its runs); null: none.</summary>
    public string? MetricsInstance { get; init; }
    public int? DashboardPort { get; init; }

    /// <summary>Where the server listens; loopback unless the operator says otherwise.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    public bool Wanted => MetricsFile is not null || MetricsPort is not null || Dashboard;
}

/// <summary>
/// The observer and, when asked for, the server of one run: opened (and the port bound) before the run starts, so a
/// port in use fails early; disposed when the run ends, is stopped or fails, which closes the listener.
/// </summary>
internal sealed class RunObservability : IDisposable
{
    private RunObservability(RunWatcher watcher, LoopbackHttpServer? server)
    {
        Watcher = watcher;
        Server = server;
    }

    public RunWatcher Watcher { get; }
    public LoopbackHttpServer? Server { get; }

    public string? MetricsUrl => Server is null ? null : Server.BaseUrl + RunEndpoints.MetricsPath.TrimStart('/');

    /// <param name="layout">The run's artifact root, whose own files the metrics file must not land on.</param>
    public static RunObservability Open(RunObservabilityOptions options, ArtifactLayout layout, TimeProvider clock)
    {
        var metricsFile = Check(options, layout);
        var watcher = new RunWatcher(metricsFile, clock, options.MetricsInstance);
        LoopbackHttpServer? server = null;
        if (options.MetricsPort is not null || options.Dashboard)
        {
            var port = options.Dashboard ? options.DashboardPort is > 0 ? options.DashboardPort.Value : options.MetricsPort ?? 0 : options.MetricsPort!.Value;
            server = LoopbackHttpServer.Start(options.Address, port, RunEndpoints.For(watcher, metrics: true, dashboard: options.Dashboard));
        }
        return new RunObservability(watcher, server);
    }

    /// <summary>Refuses what cannot work without opening anything (a run's -WhatIf asks this too).</summary>
    /// <returns>The metrics file to write, resolved (through links and ".."), or null.</returns>
    public static string? Check(RunObservabilityOptions options, ArtifactLayout layout)
    {
        if (options.MetricsPort is { } m && options.DashboardPort is { } d && m != d && m != 0 && d != 0)
        {
            throw new SoakException("DashboardPortConflict", SoakErrorKind.InvalidArgument,
                $"The dashboard is served on the metrics server; the metrics port {m} and the dashboard port {d} must be the same (or give only one).", d);
        }
        return options.MetricsFile is { } file ? OutputFile.Check(file, "metrics file", "MetricsFileIsDirectory", layout, options.Force) : null;
    }

    /// <summary>
    /// How long a run that ended keeps serving a watching dashboard page. A visible page polls every second, but a browser
    /// on a busy machine can take several times that; the wait ends as soon as the page has fetched the end.
    /// </summary>
    public static readonly TimeSpan PageGrace = TimeSpan.FromSeconds(15);

    /// <summary>Called when the run has ended, before disposing: a dashboard page that was watching gets the final state first.</summary>
    public bool LetPagesSeeTheEnd(CancellationToken cancellationToken) =>
        Server is null || Watcher.WaitForPagesToSeeTheEnd(PageGrace, cancellationToken);

    public SoakRunOptions AttachTo(SoakRunOptions run) => run with { Observers = run.Observers.Append(Watcher).ToArray() };

    public void Dispose() => Server?.Dispose();
}
