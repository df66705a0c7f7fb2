using SoakPS.Engine.Files;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Sources;
using SoakPS.Engine.Studies;

namespace SoakPS.Bench;

/// <summary>
/// What a study run costs and where it goes: per iteration on one thread, the simulator source alone (window and report
/// text) against whole runs written durably in the temporary folder (as every study did before throwaway runs) and as
/// throwaway runs in the study's scratch folder; then a whole study on all cores (durable; throwaway; throwaway with the arms sharing a seed's windows), alternated, in runs/s and CPU seconds.
/// </summary>
public sealed class StudyCostBenchmark : IBenchmark
{
    public string Name => "study-cost";

    public string Description => "study run cost per iteration (source alone, durable, throwaway) and a study's runs/s three ways [--runs 6] [--seeds 4] [--rounds 2] [--iterations 96]";

    public int Run(BenchArguments args)
    {
        var runs = args.Int("runs", 6);
        var seeds = args.Int("seeds", 4);
        var rounds = args.Int("rounds", 2);
        var iterations = args.Int("iterations", 96);
        var temp = Path.Combine(Path.GetTempPath(), "soakps-bench-study-cost", Guid.NewGuid().ToString("N"));
        var scratch = StudyScratchFolder.Create();
        try
        {
            var resolver = new ParameterResolver(new ProfileStore(new ArtifactLayout(temp)));
            var profiles = BuiltInProfiles.All.Select(p => resolver.Resolve(p.Name)).ToList();
            StudyOptions Options(bool throwaway, int count) => new()
            {
                Seeds = Enumerable.Range(1, count).ToList(),
                Profiles = profiles,
                ProfileValues = name => resolver.Resolve(name).Values,
                Iterations = iterations,
                Root = Path.Combine(throwaway ? scratch : temp, Guid.NewGuid().ToString("N")),
                ThrowawayRuns = throwaway,
            };
            var durable = Options(false, runs);
            var throwaway = Options(true, runs);
            var tuned = new StudyArm(profiles[0], "rules");
            Console.WriteLine($"scratch folder: {scratch}; temporary folder: {Path.GetTempPath()}");
            Measure("warm-up", 2, iterations, seed => StudyRunner.RunOne(throwaway, 1000 + seed, tuned, CancellationToken.None));
            Measure("source alone", runs, iterations, seed => SourceOnly(seed, iterations, profiles[0].Values));
            Measure("run, durable, temp", runs, iterations, seed => StudyRunner.RunOne(durable, seed, tuned, CancellationToken.None));
            Measure("run, throwaway", runs, iterations, seed => StudyRunner.RunOne(throwaway, seed, tuned, CancellationToken.None));

            var ways = new (string Label, StudyOptions Options)[]
            {
                ("durable, own windows", Options(false, seeds) with { ShareWindows = false }),
                ("throwaway, own windows", Options(true, seeds) with { ShareWindows = false }),
                ("throwaway, shared windows", Options(true, seeds)),
            };
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var (label, template) in ways)
                {
                    var options = template with { Root = Path.Combine(template.ThrowawayRuns ? scratch : temp, Guid.NewGuid().ToString("N")) };
                    var count = 0;
                    var time = ProcessTime.Of(() => count = StudyRunner.Execute(options, CancellationToken.None).Count());
                    if (!options.ThrowawayRuns) Directory.Delete(options.Root!, recursive: true);
                    Console.WriteLine($"study round {round}, {label,-26}: {count} runs of {iterations} iterations in {time.Wall.TotalSeconds:0.0} s ({time.Cpu.TotalSeconds:0.0} CPU-s) on {Environment.ProcessorCount} cores: {count / time.Wall.TotalSeconds:0.00} runs/s");
                }
            }
            return 0;
        }
        finally
        {
            try { Directory.Delete(temp, recursive: true); } catch (IOException) { }
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
        }
    }

    private static void SourceOnly(int seed, int iterations, ParameterSet values)
    {
        using var source = new SimulatorSource(seed);
        for (var n = 1; n <= iterations; n++)
        {
            var context = new IterationContext("bench", n, iterations, values, "o", "r", "l", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(15));
            _ = source.ObtainAsync(context, CancellationToken.None).Result;
        }
    }

    private static void Measure(string label, int runs, int iterations, Action<int> run)
    {
        var time = ProcessTime.Of(() =>
        {
            for (var seed = 1; seed <= runs; seed++) run(seed);
        });
        var n = (double)runs * iterations;
        Console.WriteLine($"{label,-20} {time.Wall.TotalMilliseconds / n,7:0.000} ms wall, {time.Cpu.TotalMilliseconds / n,7:0.000} ms CPU per iteration on one thread");
    }
}
