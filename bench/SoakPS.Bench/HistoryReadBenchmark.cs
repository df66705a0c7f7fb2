using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SoakPS.Engine.Files;
using SoakPS.Engine.History;
using SoakPS.Engine.Planning;
using SoakPS.Engine.Runs;

namespace SoakPS.Bench;

/// <summary>
/// docs/performance.md: Get-SoakIteration over N real summaries, first call in a runspace that imported the built
/// module, against the floor of reading and JsonDocument.Parse-ing the same files in the same process: on one thread
/// and on all cores (the most this machine allows any reader), plus the engine reader alone once its code is warm.
/// </summary>
public sealed class HistoryReadBenchmark : IBenchmark
{
    public string Name => "read";
    public string Description => "Get-SoakIteration objects/s (first call, hosted module) vs JsonDocument.Parse floors (1 thread, all cores), engine warm, RSS [--summaries 100000]";

    public int Run(BenchArguments args)
    {
        Console.WriteLine($"# {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
        var result = Measure(args.Int("summaries", 100_000));
        Console.WriteLine(result);
        Console.WriteLine($"# load after {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>
    /// A rate, and the CPU time (all threads, user and kernel) each object cost: on a busy machine the CPU cost is the
    /// steadier figure, and the kernel part (open, read, close) is what no parser can cut.
    /// </summary>
    public readonly record struct Rate(double PerSecond, double UserMicroseconds, double KernelMicroseconds)
    {
        public double CpuMicroseconds => UserMicroseconds + KernelMicroseconds;

        public override string ToString() =>
            $"{PerSecond,9:N0} objects/s, {CpuMicroseconds,5:F1} µs CPU/object (user {UserMicroseconds:F1} + kernel {KernelMicroseconds:F1})";
    }

    public sealed record Result(int Files, Rate Soak, Rate SoakWarm, Rate Floor, Rate ParallelFloor, Rate EngineWarm, long SoakRssGrowth, long FloorRssGrowth)
    {
        public double SoakPerSecond => Soak.PerSecond;
        public double FloorPerSecond => Floor.PerSecond;

        public override string ToString() =>
            $"Get-SoakIteration, {Files:N0} summaries, first call: {Soak}, RSS +{ProcessMemory.Mb(SoakRssGrowth)}\n" +
            $"  Get-SoakIteration, second call (warm):      {SoakWarm}\n" +
            $"  engine reader alone, warm (no PowerShell):   {EngineWarm}\n" +
            $"  floor, 1 thread: read + JsonDocument.Parse:  {Floor}, RSS +{ProcessMemory.Mb(FloorRssGrowth)}\n" +
            $"  floor, {Environment.ProcessorCount} cores (Parallel.ForEach), same files: {ParallelFloor}\n" +
            $"  ratio SoakPS / floor: {SoakPerSecond / FloorPerSecond:F2} (1 thread), {SoakPerSecond / ParallelFloor.PerSecond:F2} ({Environment.ProcessorCount} cores); " +
            $"CPU per object {Soak.CpuMicroseconds / Floor.CpuMicroseconds:F2}× the 1-thread floor, engine warm {EngineWarm.CpuMicroseconds / Floor.CpuMicroseconds:F2}×\n" +
            $"  budget >= 100,000 objects/s: {(SoakPerSecond >= 100_000 ? "within" : "OVER")}" +
            (ParallelFloor.PerSecond < 100_000 ? $" (the {Environment.ProcessorCount}-core floor itself reaches {ParallelFloor.PerSecond:N0}/s here)" : string.Empty);
    }

    /// <summary>
    /// Floors first (they share no code with the reader), then the cmdlet's first call while the engine's reader has
    /// not run in this process yet, then warm passes.
    /// </summary>
    public static Result Measure(int files)
    {
        var root = BenchFiles.NewWorkspace("read");
        try
        {
            Build(root, files);
            BenchFiles.Sync();
            var latest = Path.Combine(root, "latest");
            Floor(latest, parallel: false);
            var (floor, floorRss) = Floor(latest, parallel: false);
            Floor(latest, parallel: true);
            var (parallelFloor, _) = Floor(latest, parallel: true);
            var (soak, soakWarm, soakRss) = Cmdlet(root, files);
            EngineOnly(root);
            var engineWarm = EngineOnly(root);
            return new Result(files, soak, soakWarm, floor, parallelFloor, engineWarm, soakRss, floorRss);
        }
        finally
        {
            BenchFiles.Remove(root);
        }
    }

    /// <summary>The least any reader must do: list the folder, read each file, parse it into a document.</summary>
    private static (Rate Rate, long RssGrowth) Floor(string folder, bool parallel)
    {
        using var memory = ProcessMemory.Watch();
        var watch = CpuWatch.Start();
        var count = 0;
        var files = Directory.EnumerateFiles(folder, "ITER_SUMMARY_*.json");
        if (parallel)
        {
            Parallel.ForEach(files, path =>
            {
                if (ParseFile(path))
                {
                    Interlocked.Increment(ref count);
                }
            });
        }
        else
        {
            count = files.Count(ParseFile);
        }
        return (watch.RateOf(count), memory.PeakGrowth);
    }

    private static bool ParseFile(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.ValueKind == JsonValueKind.Object;
    }

    /// <summary>The engine's summary reader without the PowerShell pipeline: where the cmdlet's time goes.</summary>
    private static Rate EngineOnly(string root)
    {
        var watch = CpuWatch.Start();
        var count = IterationSummaryReader.Read(new ArtifactLayout(root).LatestRun, null, null, (_, e) => throw e).Count();
        return watch.RateOf(count);
    }

    /// <summary>The first call (what a user who just imported the module gets) and a second, warm one.</summary>
    private static (Rate First, Rate Warm, long RssGrowth) Cmdlet(string root, int files)
    {
        var module = Path.Combine(BenchFiles.RepoRoot(), "out", "SoakPS", "SoakPS.psd1");
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        Invoke(runspace, $"Import-Module '{module}' -ErrorAction Stop");
        var read = $"Get-SoakIteration -ArtifactPath '{root}' | Out-Null";
        var memory = ProcessMemory.Watch();
        var watch = CpuWatch.Start();
        Invoke(runspace, read);
        var (wall, user, kernel) = watch.Stop();
        memory.Dispose();
        var count = Count(runspace, root);
        if (count != files)
        {
            throw new InvalidOperationException($"Get-SoakIteration returned {count} objects for {files} files.");
        }
        var warm = CpuWatch.Start();
        Invoke(runspace, read);
        return (CpuWatch.RateOf(count, wall, user, kernel), warm.RateOf(count), memory.PeakGrowth);
    }

    private sealed class CpuWatch
    {
        private readonly Stopwatch _wall = Stopwatch.StartNew();
        private readonly TimeSpan _user;
        private readonly TimeSpan _kernel;

        private CpuWatch()
        {
            using var self = Process.GetCurrentProcess();
            (_user, _kernel) = (self.UserProcessorTime, self.PrivilegedProcessorTime);
        }

        public static CpuWatch Start() => new();

        public (TimeSpan Wall, TimeSpan User, TimeSpan Kernel) Stop()
        {
            var wall = _wall.Elapsed;
            using var self = Process.GetCurrentProcess();
            return (wall, self.UserProcessorTime - _user, self.PrivilegedProcessorTime - _kernel);
        }

        public Rate RateOf(int count)
        {
            var (wall, user, kernel) = Stop();
            return RateOf(count, wall, user, kernel);
        }

        public static Rate RateOf(int count, TimeSpan wall, TimeSpan user, TimeSpan kernel) =>
            new(count / wall.TotalSeconds, user.TotalMicroseconds / count, kernel.TotalMicroseconds / count);
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
