using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SoakPS.Engine.Artifacts;
using SoakPS.Engine.Runs;

namespace SoakPS.Bench;

/// <summary>
/// Issue 12 row 1: Get-SoakIteration over N real summaries, first call in a runspace that imported the built
/// module, against the floor of reading and JsonDocument.Parse-ing the same files in the same process.
/// </summary>
public sealed class HistoryReadBenchmark : IBenchmark
{
    public string Name => "read";
    public string Description => "Get-SoakIteration objects/s (first call, hosted module) vs JsonDocument.Parse floor, RSS [--summaries 100000]";

    public int Run(BenchArguments args)
    {
        var result = Measure(args.Int("summaries", 100_000));
        Console.WriteLine(result);
        return 0;
    }

    /// <summary>A rate, and the CPU time (all threads) each object cost: on a busy machine the CPU cost is the steadier figure.</summary>
    public readonly record struct Rate(double PerSecond, double CpuMicroseconds)
    {
        public override string ToString() => $"{PerSecond,9:N0} objects/s, {CpuMicroseconds,5:F1} µs CPU/object";
    }

    public sealed record Result(int Files, Rate Soak, Rate Floor, Rate Engine, long SoakRssGrowth, long FloorRssGrowth)
    {
        public double SoakPerSecond => Soak.PerSecond;
        public double FloorPerSecond => Floor.PerSecond;

        public override string ToString() =>
            $"Get-SoakIteration, {Files:N0} summaries, first call: {Soak}, RSS +{ProcessMemory.Mb(SoakRssGrowth)}\n" +
            $"  floor: read + JsonDocument.Parse, same files:  {Floor}, RSS +{ProcessMemory.Mb(FloorRssGrowth)}\n" +
            $"  engine reader alone (no PowerShell), same files: {Engine} ({Environment.ProcessorCount} cores)\n" +
            $"  ratio SoakPS / floor {SoakPerSecond / FloorPerSecond:F2}; budget >= 100,000 objects/s: {(SoakPerSecond >= 100_000 ? "within" : "OVER")}";
    }

    public static Result Measure(int files)
    {
        var root = BenchFiles.NewWorkspace("read");
        try
        {
            Build(root, files);
            BenchFiles.Sync();
            var latest = Path.Combine(root, "latest");
            Floor(latest);
            var (floor, floorRss) = Floor(latest);
            var engine = EngineOnly(root);
            var (soak, soakRss, count) = FirstCall(root);
            if (count != files)
            {
                throw new InvalidOperationException($"Get-SoakIteration returned {count} objects for {files} files.");
            }
            return new Result(files, soak, floor, engine, soakRss, floorRss);
        }
        finally
        {
            BenchFiles.Remove(root);
        }
    }

    /// <summary>The least any reader must do: list the folder, read each file, parse it into a document.</summary>
    private static (Rate Rate, long RssGrowth) Floor(string folder)
    {
        using var memory = ProcessMemory.Watch();
        var watch = CpuWatch.Start();
        var count = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "ITER_SUMMARY_*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            count += document.RootElement.ValueKind == JsonValueKind.Object ? 1 : 0;
        }
        return (watch.RateOf(count), memory.PeakGrowth);
    }

    /// <summary>The engine's summary reader without the PowerShell pipeline: where the cmdlet's time goes.</summary>
    private static Rate EngineOnly(string root)
    {
        var watch = CpuWatch.Start();
        var count = IterationSummaryReader.Read(new ArtifactLayout(root).LatestRun, null, null, (_, e) => throw e).Count();
        return watch.RateOf(count);
    }

    private static (Rate Rate, long RssGrowth, int Count) FirstCall(string root)
    {
        var module = Path.Combine(BenchFiles.RepoRoot(), "out", "SoakPS", "SoakPS.psd1");
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        Invoke(runspace, $"Import-Module '{module}' -ErrorAction Stop");
        var memory = ProcessMemory.Watch();
        var watch = CpuWatch.Start();
        Invoke(runspace, $"Get-SoakIteration -ArtifactPath '{root}' | Out-Null");
        var (wall, cpu) = watch.Stop();
        memory.Dispose();
        var growth = memory.PeakGrowth;
        var count = Count(runspace, root);
        return (new Rate(count / wall.TotalSeconds, cpu.TotalMicroseconds / count), growth, count);
    }

    private sealed class CpuWatch
    {
        private readonly Stopwatch _wall = Stopwatch.StartNew();
        private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;

        public static CpuWatch Start() => new();

        public (TimeSpan Wall, TimeSpan Cpu) Stop() => (_wall.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - _cpu);

        public Rate RateOf(int count)
        {
            var (wall, cpu) = Stop();
            return new Rate(count / wall.TotalSeconds, cpu.TotalMicroseconds / count);
        }
    }

    private static int Count(Runspace runspace, string root) =>
        (int)Invoke(runspace, $"$n = 0; Get-SoakIteration -ArtifactPath '{root}' | ForEach-Object {{ $n++ }}; $n")[0].BaseObject;

    private static System.Collections.ObjectModel.Collection<PSObject> Invoke(Runspace runspace, string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        var output = ps.Invoke();
        if (ps.HadErrors)
        {
            throw new InvalidOperationException($"'{script}' failed: {string.Join("; ", ps.Streams.Error)}");
        }
        return output;
    }

    /// <summary>A latest/ folder of N summaries cut from a real seeded mock run (freezes, applies, blocked outcomes and events).</summary>
    private static void Build(string root, int files)
    {
        var template = new ArtifactLayout(Path.Combine(root, "template"));
        var request = new RunRequest { SourceName = "mock", Iterations = 48, AutoTune = true, Seed = 42, IntervalSeconds = 0, Environment = _ => null };
        var options = RunPlanner.Plan(template, request, _ => { });
        using (options.Source)
        {
            foreach (var _ in SoakRunner.Execute(template, options, CancellationToken.None)) { }
        }
        var texts = IterationFiles.List(template.Latest).Select(f => File.ReadAllText(f.Path)).ToArray();
        var latest = Path.Combine(root, "latest");
        Directory.CreateDirectory(latest);
        File.Copy(template.LatestRun.RunManifest, Path.Combine(latest, "run.json"));
        var number = new Regex("\"iteration\": \\d+");
        Parallel.For(1, files + 1, new ParallelOptions { MaxDegreeOfParallelism = 2 }, n =>
            File.WriteAllText(Path.Combine(latest, $"ITER_SUMMARY_{n}.json"), number.Replace(texts[(n - 1) % texts.Length], $"\"iteration\": {n}", 1)));
        BenchFiles.Remove(template.Root);
    }
}
