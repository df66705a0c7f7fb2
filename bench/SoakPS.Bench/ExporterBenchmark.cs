using System.Diagnostics;
using System.Net;
using SoakPS.Engine.Files;
using SoakPS.Engine.Observability;
using SoakPS.Engine.Planning;
using SoakPS.Engine.Runs;

namespace SoakPS.Bench;

/// <summary>
/// docs/performance.md: what -MetricsFile, -MetricsPort and -Dashboard add to a mock run. The same run with and without the exporter,
/// alternated so disk noise hits both alike; while the exporter runs, a scraper reads /metrics and data.json?since=n every second, as Prometheus and the live page would.
/// </summary>
public sealed class ExporterBenchmark : IBenchmark
{
    public string Name => "exporter";

    public string Description => "mock run with vs without metrics textfile, server and dashboard: added cost [--iterations 1000] [--repeats 5]";

    public int Run(BenchArguments args)
    {
        var iterations = args.Int("iterations", 1000);
        var repeats = args.Int("repeats", 5);
        var plain = new List<double>();
        var exported = new List<double>();
        var ratios = new List<double>();
        var cpuRatios = new List<double>();
        var inObserver = new List<double>();
        var loadBefore = LoadAverage();
        // Warm-up of both, so neither side of the first pair pays for JIT (the exporter's server and HttpClient are code the plain run never runs).
        Once(iterations, exporter: false);
        Once(iterations, exporter: true, new TimedObserver());
        for (var i = 0; i < repeats; i++)
        {
            var without = Once(iterations, exporter: false);
            var timing = new TimedObserver();
            var with = Once(iterations, exporter: true, timing);
            plain.Add(without.Wall);
            exported.Add(with.Wall);
            ratios.Add(with.Wall / without.Wall);
            cpuRatios.Add(with.Cpu / without.Cpu);
            inObserver.Add(timing.Seconds / exported[^1]);
        }
        Console.WriteLine($"iterations             {iterations} x {repeats} pairs (without, with), in that order");
        Console.WriteLine($"load average           before {loadBefore}, after {LoadAverage()}");
        Console.WriteLine($"reference (no export)  median {Median(plain):0.000} s  [{Join(plain, "0.000")}]");
        Console.WriteLine($"with exporter          median {Median(exported):0.000} s  [{Join(exported, "0.000")}]");
        Console.WriteLine($"with / without, pairs  median {Median(ratios):0.000}  [{Join(ratios, "0.000")}]");
        Console.WriteLine($"added cost (wall)      {(Median(ratios) - 1) * 100:0.0} % (target <= 5 %; wall time on a shared disk is noisy, see the spread)");
        Console.WriteLine($"process CPU time, pairs median {Median(cpuRatios):0.000}  [{Join(cpuRatios, "0.000")}] (all threads: run, server, the scraper standing in for Prometheus and a browser)");
        Console.WriteLine($"exporter on run thread median {Median(inObserver) * 100:0.00} % of the exporter run's wall time [{Join(inObserver.Select(x => x * 100), "0.00")}]");
        return 0;
    }

    private static string Join(IEnumerable<double> values, string format) => string.Join(", ", values.Select(x => x.ToString(format)));

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private readonly record struct RunTime(double Wall, double Cpu);

    private static RunTime Once(int iterations, bool exporter, TimedObserver? timing = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "soakps-bench-exporter", Guid.NewGuid().ToString("N"));
        var layout = new ArtifactLayout(root);
        var request = new RunRequest { SourceName = "mock", Iterations = iterations, AutoTune = true, Seed = 42, IntervalSeconds = 0, Environment = _ => null };
        var options = RunPlanner.Plan(layout, request, _ => { });
        using var observability = exporter
            ? RunObservability.Open(new RunObservabilityOptions { MetricsFile = Path.Combine(root, "soak.prom"), MetricsPort = 0, Dashboard = true, Address = IPAddress.Loopback }, layout, TimeProvider.System)
            : null;
        using var stop = new CancellationTokenSource();
        var scraper = observability?.Server is { } server ? Task.Run(() => Scrape(server.BaseUrl, stop.Token)) : Task.CompletedTask;
        if (observability is not null)
        {
            timing!.Inner = observability.Watcher;
            options = options with { Observers = new IRunObserver[] { timing } };
        }
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        try
        {
            using (options.Source)
            {
                foreach (var _ in SoakRunner.Execute(layout, options, CancellationToken.None)) { }
            }
            return new RunTime(watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        }
        finally
        {
            stop.Cancel();
            scraper.Wait();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task Scrape(string baseUrl, CancellationToken stop)
    {
        using var http = new HttpClient();
        var seen = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var metrics = await http.GetStringAsync(baseUrl + "metrics", stop);
                // As the live page does: ask for the iterations after the last one already fetched.
                await http.GetStringAsync($"{baseUrl}data.json?since={seen}", stop);
                seen = LastIteration(metrics);
                await Task.Delay(1000, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static int LastIteration(string metrics) =>
        metrics.Split('\n').Where(l => l.StartsWith("soak_iteration ", StringComparison.Ordinal)).Select(l => (int)double.Parse(l[15..], System.Globalization.CultureInfo.InvariantCulture)).Single();

    /// <summary>Times the watcher's work on the run's thread: rendering, the textfile write, the dashboard history.</summary>
    private sealed class TimedObserver : IRunObserver
    {
        private readonly Stopwatch _watch = new();

        public IRunObserver Inner { get; set; } = null!;

        public double Seconds => _watch.Elapsed.TotalSeconds;

        public void RunStarted(RunStartedInfo run) => Timed(() => Inner.RunStarted(run));

        public void IterationCompleted(IterationCompletedInfo iteration) => Timed(() => Inner.IterationCompleted(iteration));

        public void RunEnded(RunEndedInfo run) => Timed(() => Inner.RunEnded(run));

        private void Timed(Action call)
        {
            _watch.Start();
            call();
            _watch.Stop();
        }
    }

    private static double Median(List<double> values) => values.OrderBy(x => x).ElementAt(values.Count / 2);
}
