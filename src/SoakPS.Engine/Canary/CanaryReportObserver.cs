using System.Diagnostics;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Sources;

namespace SoakPS.Engine.Canary;

/// <summary>
/// Watches a simulated run and, when it ends, writes latest/CANARY_REPORT.md and CANARY_REPORT.json (the original
/// plan's 24 h canary): verdicts, guard events, the parameter trajectory, wall time and memory. It keeps only a few
/// totals while the run goes; everything per iteration is streamed from the ITER_SUMMARY files at the end, so a
/// resumed run's report covers the whole run.
/// </summary>
internal sealed class CanaryReportObserver : IRunObserver
{
    public const string MarkdownFile = "CANARY_REPORT.md";
    public const string JsonFile = "CANARY_REPORT.json";

    private readonly Stopwatch _watch = new();
    private readonly CanaryTotals _totals = new();
    private readonly SimulatorSource _simulator;

    /// <summary>A canary of the run <paramref name="simulator"/> feeds (it counts that source's simulated events).</summary>
    public CanaryReportObserver(SimulatorSource simulator) => _simulator = simulator;

    /// <summary>The observers a run fed by <paramref name="source"/> gets: a fresh canary for a simulated run, none for any other.</summary>
    public static IReadOnlyList<IRunObserver> For(IEdgeReportSource source) =>
        source is SimulatorSource simulator ? new IRunObserver[] { new CanaryReportObserver(simulator) } : Array.Empty<IRunObserver>();

    public void RunStarted(RunStartedInfo run)
    {
        _watch.Restart();
        Sample();
    }

    public void IterationCompleted(IterationCompletedInfo iteration)
    {
        _totals.Counters = new SortedDictionary<string, int>(iteration.State.Counters, StringComparer.Ordinal);
        _totals.SimulatedEvents += _simulator.LastWindow?.Events ?? 0;
        Sample();
    }

    public void RunEnded(RunEndedInfo run)
    {
        _totals.Wall = _watch.Elapsed;
        Sample();
        CanaryReportWriter.Write(run.LatestFolder, run.Manifest, _totals);
    }

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        _totals.PeakWorkingSetBytes = Math.Max(_totals.PeakWorkingSetBytes, process.PeakWorkingSet64);
        _totals.PeakManagedHeapBytes = Math.Max(_totals.PeakManagedHeapBytes, GC.GetTotalMemory(forceFullCollection: false));
    }
}
