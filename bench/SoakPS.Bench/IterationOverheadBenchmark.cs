using System.Diagnostics;
using SoakPS.Engine.Files;
using SoakPS.Engine.Planning;
using SoakPS.Engine.Runs;

namespace SoakPS.Bench;

/// <summary>
/// docs/performance.md: a mock run with sleep 0, timing every iteration. Prints the settled cost against the
/// floor of its own durable writes (3 fsync + 3 rename in a bare loop, rounds interleaved with the same run's
/// iterations), early against settled iterations, the last iterations against those around iteration 100, and the
/// run's end (TUNING_REPORT, snapshot) for a short and a long run, with memory.
/// </summary>
public sealed class IterationOverheadBenchmark : IBenchmark
{
    public string Name => "iterations";

    public string Description => "mock run, auto-tune, sleep 0: settled cost vs fsync floor, early vs settled, run end for 100 vs N [--iterations 10000] [--window 200]";

    public int Run(BenchArguments args)
    {
        foreach (var line in Measure(args.Int("iterations", 10_000), args.Int("window", 200)))
        {
            Console.WriteLine(line);
        }
        return 0;
    }

    public static IEnumerable<string> Measure(int iterations, int window)
    {
        yield return $"# load before {File.ReadAllText("/proc/loadavg").Trim()}";
        // A few iterations first, so the end of the 100-iteration run is not also the first time its code runs.
        MockRun(5, 0);
        var shortRun = MockRun(100, 0);
        // Measured as a user runs them, "run after run, sync between": the short runs' files and their removal are still being
        // written back, and the long run's first iterations (and the floor rounds beside them) would wait for that.
        BenchFiles.Sync();
        var longRun = MockRun(iterations, window);
        var settled = Median(longRun.Costs, iterations - window + 1, iterations);
        var settledFloor = BenchFiles.Median(longRun.FloorSettled);
        var early = Median(longRun.Costs, 1, Math.Min(100, iterations));
        var earlyFloor = BenchFiles.Median(longRun.FloorEarly);
        var around100 = Median(longRun.Costs, Math.Max(1, 100 - window / 2), Math.Min(iterations, 100 + window / 2));
        var first3000 = longRun.Costs.Skip(1).Take(3000).Sum();
        yield return $"per-iteration cost, {iterations:N0}-iteration mock run: total {longRun.Total.TotalSeconds:F2} s (floor rounds interleaved, not counted)";
        yield return $"  settled (median of last {window}):      {settled,7:F3} ms";
        yield return $"  floor: 3 x (write + fsync + rename), one round after each of those iterations: {settledFloor,7:F3} ms";
        yield return $"  settled / floor {settled / settledFloor:F2} (budget <= 1.30: {(settled / settledFloor <= 1.3 ? "within" : "OVER")})";
        yield return $"  early (median of iterations 1-100):  {early,7:F3} ms   floor then {earlyFloor:F3} ms";
        yield return $"  early / settled {early / settled:F2} (budget <= 1.50: {(early / settled <= 1.5 ? "within" : "OVER")});  each over its own floor: {early / earlyFloor:F2} vs {settled / settledFloor:F2}";
        yield return $"  median around iteration 100:         {around100,7:F3} ms   last / around-100 {settled / around100:F2} (budget <= 1.20: {(settled / around100 <= 1.2 ? "within" : "OVER")})";
        yield return $"  sum of the first 3,000 iterations:   {first3000 / 1000,7:F2} s (= {first3000 / Math.Min(3000, iterations) / settled:F2} x settled)";
        yield return $"run end (TUNING_REPORT, journal, run.json, snapshot):";
        yield return $"  100 iterations:   {shortRun.End.TotalMilliseconds,8:F1} ms (CPU {shortRun.EndCpu.TotalMilliseconds:F1} ms), RSS +{ProcessMemory.Mb(shortRun.EndRssGrowth)}";
        yield return $"  {iterations,-6:N0} iterations:{longRun.End.TotalMilliseconds,8:F1} ms (CPU {longRun.EndCpu.TotalMilliseconds:F1} ms), RSS +{ProcessMemory.Mb(longRun.EndRssGrowth)}   time ratio {longRun.End / shortRun.End:F2}, CPU ratio {longRun.EndCpu / shortRun.EndCpu:F2} (budget: independent of N; the time is a few fsyncs, so it follows the disk)";
        yield return $"# load after {File.ReadAllText("/proc/loadavg").Trim()}";
    }

    private sealed record RunTimes(double[] Costs, List<double> FloorEarly, List<double> FloorSettled, TimeSpan Total, TimeSpan End, TimeSpan EndCpu, long EndRssGrowth);

    /// <summary>CPU time of the whole process: the run end's own work, which the disk's mood does not change.</summary>
    private static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <param name="floorWindow">
    /// After each of the first 100 and the last <paramref name="floorWindow"/> iterations, one round of the floor is
    /// timed on the same disk at the same moment (outside the iteration's time), so load that comes and goes on a
    /// shared machine hits the run and its reference alike.
    /// </param>
    private static RunTimes MockRun(int iterations, int floorWindow)
    {
        var root = BenchFiles.NewWorkspace("iterations");
        var floorFolder = BenchFiles.NewWorkspace("fsync");
        var layout = new ArtifactLayout(root);
        var options = PlanMockRun(layout, iterations);
        var costs = new double[iterations + 1];
        var floorEarly = new List<double>();
        var floorSettled = new List<double>();
        var content = new byte[2048];
        var total = Stopwatch.StartNew();
        var watch = Stopwatch.StartNew();
        ProcessMemory? endMemory = null;
        var end = TimeSpan.Zero;
        var endCpu = TimeSpan.Zero;
        try
        {
            using (options.Source)
            {
                foreach (var e in SoakRunner.Execute(layout, options, CancellationToken.None))
                {
                    if (e is IterationCompleted c)
                    {
                        var n = c.Summary.Iteration;
                        costs[n] = watch.Elapsed.TotalMilliseconds;
                        if (floorWindow > 0 && n <= 100) floorEarly.Add(FloorRound(floorFolder, content));
                        if (floorWindow > 0 && n > iterations - floorWindow) floorSettled.Add(FloorRound(floorFolder, content));
                        if (n == iterations)
                        {
                            GC.Collect();
                            endMemory = ProcessMemory.Watch();
                            endCpu = ProcessCpu();
                        }
                        watch.Restart();
                    }
                    else if (e is RunFinished)
                    {
                        end = watch.Elapsed;
                        endCpu = ProcessCpu() - endCpu;
                        endMemory?.Dispose();
                    }
                }
            }
            return new RunTimes(costs, floorEarly, floorSettled, total.Elapsed, end, endCpu, endMemory?.PeakGrowth ?? 0);
        }
        finally
        {
            endMemory?.Dispose();
            BenchFiles.Remove(root);
            BenchFiles.Remove(floorFolder);
        }
    }

    /// <summary>The benchmarks' mock run: seeded, auto-tuning, no sleep between iterations.</summary>
    internal static SoakRunOptions PlanMockRun(ArtifactLayout layout, int iterations) =>
        RunPlanner.Plan(layout, new RunRequest { SourceName = "mock", Iterations = iterations, AutoTune = true, Seed = 42, IntervalSeconds = 0, Environment = _ => null }, _ => { });

    /// <summary>What an iteration's durable writes cost at least: three small files written, fsynced and renamed into place.</summary>
    private static double FloorRound(string folder, byte[] content)
    {
        var watch = Stopwatch.StartNew();
        for (var f = 0; f < 3; f++)
        {
            var temp = Path.Combine(folder, $".f{f}.tmp");
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, Path.Combine(folder, $"f{f}.json"), overwrite: true);
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(double[] costs, int from, int to) => BenchFiles.Median(costs[from..(to + 1)]);
}
