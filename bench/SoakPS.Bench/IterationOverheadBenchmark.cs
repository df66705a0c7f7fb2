using System.Diagnostics;
using SoakPS.Engine.Artifacts;
using SoakPS.Engine.Runs;

namespace SoakPS.Bench;

/// <summary>
/// SPEC §13: a mock run with sleep 0, timing every iteration (summarise, KPI, propose, guards, atomic writes,
/// journal); the cost around iteration 10,000 must stay within 1.2× the cost around iteration 100.
/// </summary>
public sealed class IterationOverheadBenchmark : IBenchmark
{
    public string Name => "iterations";

    public string Description => "mock run with auto-tune and sleep 0: per-iteration cost early vs late [--iterations 10000] [--window 200]";

    public int Run(BenchArguments args)
    {
        var iterations = args.Int("iterations", 10_000);
        var window = args.Int("window", 200);
        var root = Path.Combine(Path.GetTempPath(), "soakps-bench-iterations", Guid.NewGuid().ToString("N"));
        var layout = new ArtifactLayout(root);
        var request = new RunRequest { SourceName = "mock", Iterations = iterations, AutoTune = true, Seed = 42, IntervalSeconds = 0, Environment = _ => null };
        var options = RunPlanner.Plan(layout, request, _ => { });
        var costs = new double[iterations + 1];
        var total = Stopwatch.StartNew();
        var watch = Stopwatch.StartNew();
        try
        {
            using (options.Source)
            {
                foreach (var e in SoakRunner.Execute(layout, options, CancellationToken.None))
                {
                    if (e is IterationCompleted c)
                    {
                        costs[c.Summary.Iteration] = watch.Elapsed.TotalMilliseconds;
                        watch.Restart();
                    }
                }
            }
            total.Stop();
            var early = Median(costs, Math.Max(1, 100 - window / 2), 100 + window / 2);
            var late = Median(costs, iterations - window + 1, iterations);
            Console.WriteLine($"iterations          {iterations}");
            Console.WriteLine($"total               {total.Elapsed.TotalSeconds:0.00} s ({total.Elapsed.TotalMilliseconds / iterations:0.000} ms/iteration)");
            Console.WriteLine($"median around 100   {early:0.000} ms");
            Console.WriteLine($"median of last {window,-4} {late:0.000} ms");
            Console.WriteLine($"late / early        {late / early:0.00}x (target <= 1.20)");
            return 0;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static double Median(double[] costs, int from, int to)
    {
        var slice = costs[from..(to + 1)].OrderBy(x => x).ToArray();
        return slice[slice.Length / 2];
    }
}
