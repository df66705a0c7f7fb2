using System.Diagnostics;
using System.Globalization;
using SoakPS.Engine.Canary;
using SoakPS.Engine.Files;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Sources;
using SoakPS.Engine.Sources.Simulation;
using SoakPS.Engine.Studies;

namespace SoakPS.Bench;

/// <summary>
/// docs/performance.md for the simulator: market events per second on one core (reference: the same random draws per event
/// without the market, measured in the same run), the 96-iteration canary's wall time in-process (reference: the
/// same run on the mock source, i.e. the engine's own cost), and the wall time of an S-seed study on all cores
/// (reference: one run's time × runs ÷ cores). Prints the study's summary table.
/// </summary>
public sealed class SimulatorBenchmark : IBenchmark
{
    public string Name => "simulator";

    public string Description => "simulated events/s on one core, 96-iteration canary wall time, S-seed study [--windows 300] [--seeds 50] [--iterations 96] [--no-study]";

    public int Run(BenchArguments args)
    {
        var windows = args.Int("windows", 300);
        var seeds = args.Int("seeds", 50);
        var iterations = args.Int("iterations", 96);

        var (events, seconds, cpu, allocated) = SimulateWindows(windows / 10);
        (events, seconds, cpu, allocated) = SimulateWindows(windows);
        var floor = DrawFloor(events);
        Console.WriteLine($"simulated events     {events:N0} in {seconds:0.000} s on one thread ({cpu:0.000} s of CPU)");
        Console.WriteLine($"events/s             {events / seconds / 1e6:0.00} M (target >= 5 M)");
        // On a shared machine the thread waits for a core: per CPU second is the speed when it has one.
        Console.WriteLine($"events per CPU s     {events / cpu / 1e6:0.00} M");
        Console.WriteLine($"allocated            {allocated / windows:N0} bytes per window of {events / windows:N0} events (the window's result record; nothing per event)");
        Console.WriteLine($"draws-only floor     {events / floor / 1e6:0.00} M events/s; simulator at {floor / seconds:0.00}x of it");

        var canary = TimeRun(new SimulatorSource(42), iterations, withCanary: true);
        var mock = TimeRun(new MockSource(42), iterations, withCanary: false);
        Console.WriteLine($"canary {iterations} iterations  {canary.TotalSeconds:0.000} s in-process (target < 10 s); same run on the mock source {mock.TotalSeconds:0.000} s ({canary / mock:0.00}x)");

        if (args.Flag("no-study")) return 0;
        // As Invoke-SoakStudy runs it: throwaway runs in the study's scratch folder (the study-cost benchmark compares both ways).
        var root = StudyScratchFolder.Create();
        try
        {
            var resolver = new ParameterResolver(new ProfileStore(new ArtifactLayout(root)));
            var options = new StudyOptions
            {
                Seeds = Enumerable.Range(1, seeds).ToList(),
                Profiles = BuiltInProfiles.All.Select(p => resolver.Resolve(p.Name)).ToList(),
                ProfileValues = name => resolver.Resolve(name).Values,
                Iterations = iterations,
                Root = root,
                ThrowawayRuns = true,
            };
            var watch = Stopwatch.StartNew();
            var runs = StudyRunner.Execute(options, CancellationToken.None).ToList();
            watch.Stop();
            var ideal = runs.Sum(r => r.Wall.TotalSeconds) / Environment.ProcessorCount;
            Console.WriteLine($"study S={seeds}          {runs.Count} runs of {iterations} iterations in {watch.Elapsed.TotalSeconds:0.0} s on {Environment.ProcessorCount} cores; runs' own time / cores {ideal:0.0} s ({watch.Elapsed.TotalSeconds / ideal:0.00}x)");
            Console.WriteLine();
            Console.WriteLine("| arm | runs | OK | WARN | FAIL | mean net_bps | net USD per window | volume USD per window | median final risk_ratio | guard events | applies | immediate reversals | panic reverts |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var s in StudySummary.Of(runs))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {s.Arm} | {s.Runs} | {s.OkShare:P0} | {s.WarnShare:P0} | {s.FailShare:P0} | {s.MeanNetBps:0.000} | {s.NetUsdPerWindow:N0} | {s.VolumeUsdPerWindow:N0} | {s.MedianFinalRiskRatio:0.000} | {s.GuardEvents} | {s.Applies} | {s.ImmediateReversals} | {s.PanicReverts} |"));
            }
            return 0;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static (long Events, double Seconds, double CpuSeconds, long AllocatedBytes) SimulateWindows(int windows)
    {
        var simulator = new MarketSimulator(MarketModel.Default);
        var settings = QuoteSettings.From(ParameterCatalog.Default.Defaults());
        long events = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < windows; i++)
        {
            events += simulator.Run(i, i, (MarketRegime)(i % 3), settings, TimeSpan.FromMinutes(15)).Events;
        }
        var seconds = watch.Elapsed.TotalSeconds;
        return (events, seconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }

    /// <summary>The draws every event makes (time, Brownian step, event type, one more) with nothing else: the cost floor.</summary>
    private static double DrawFloor(long events)
    {
        var rng = SplitMix64.For(1, 1);
        double spare = 0, sink = 0;
        var hasSpare = false;
        var watch = Stopwatch.StartNew();
        for (long i = 0; i < events; i++)
        {
            sink += RandomDraws.Exponential(ref rng) + Math.Sqrt(sink > 0 ? 1e-3 : 2e-3) * RandomDraws.Gaussian(ref rng, ref spare, ref hasSpare)
                + rng.NextDouble() + RandomDraws.Exponential(ref rng);
        }
        var seconds = watch.Elapsed.TotalSeconds;
        if (sink == 42) Console.WriteLine();
        return seconds;
    }

    private static TimeSpan TimeRun(IEdgeReportSource source, int iterations, bool withCanary)
    {
        var root = Path.Combine(Path.GetTempPath(), "soakps-bench-canary", Guid.NewGuid().ToString("N"));
        try
        {
            var options = new SoakRunOptions
            {
                Source = source,
                Iterations = iterations,
                AutoTune = true,
                InitialOverrides = ParameterCatalog.Default.Defaults(),
                ProfileValues = _ => BuiltInProfiles.SteadySafe.Parameters.Aggregate(ParameterCatalog.Default.Defaults(), (set, kv) => set.With(kv.Key, kv.Value)),
                IterationWindow = TimeSpan.FromMinutes(15),
                Observers = withCanary ? CanaryReportObserver.For(source) : Array.Empty<IRunObserver>(),
            };
            var watch = Stopwatch.StartNew();
            using (source)
            {
                foreach (var _ in SoakRunner.Execute(new ArtifactLayout(root), options, CancellationToken.None)) { }
            }
            return watch.Elapsed;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }
}
