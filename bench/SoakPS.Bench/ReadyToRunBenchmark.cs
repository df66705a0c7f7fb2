using System.Globalization;
using System.Runtime.InteropServices;

namespace SoakPS.Bench;

/// <summary>
/// Whether ReadyToRun pays for the module: the built module as shipped (IL) against the same module whose
/// SoakPS.Engine.dll is precompiled for this machine (bench/SoakPS.ReadyToRun), each in fresh pwsh processes, alternating.
/// Timed inside pwsh (process start excluded): Import-Module, the first and second 100-iteration mock runs of the session
/// (first = early iterations with the JIT at work, second = settled), the README's canary, a first Get-SoakIteration and
/// a first daily rotation.
/// </summary>
public sealed class ReadyToRunBenchmark : IBenchmark
{
    public string Name => "readytorun";
    public string Description => "module with vs without a ReadyToRun SoakPS.Engine.dll, fresh pwsh each, alternating: import, first/second mock run, canary, first read and daily rotation [--repeat 5]";

    private static readonly string[] Steps = { "import", "mock-first", "mock-second", "canary", "read", "rotation" };

    private const string Script = """
        param($Module, $Work)
        $ErrorActionPreference = 'Stop'
        $times = [ordered]@{}
        $watch = [Diagnostics.Stopwatch]::StartNew()
        function Step($name, [scriptblock]$body) { $watch.Restart(); $null = & $body; $times[$name] = $watch.Elapsed.TotalMilliseconds }
        Step import { Import-Module $Module }
        Step mock-first { Start-SoakRun -Mock -Iterations 100 -AutoTune -ArtifactPath "$Work/m1" -WarningAction SilentlyContinue -InformationAction SilentlyContinue }
        Step mock-second { Start-SoakRun -Mock -Iterations 100 -AutoTune -ArtifactPath "$Work/m2" -WarningAction SilentlyContinue -InformationAction SilentlyContinue }
        Step canary { Start-SoakRun -Simulate -Iterations 96 -IterationMinutes 15 -AutoTune -ArtifactPath "$Work/c" -WarningAction SilentlyContinue -InformationAction SilentlyContinue }
        Step read { Get-SoakIteration -ArtifactPath "$Work/c" | Out-Null }
        Step rotation { Invoke-SoakRotation -ArtifactPath "$Work/tree" -Confirm:$false }
        ($times.GetEnumerator() | ForEach-Object { '{0}={1}' -f $_.Key, $_.Value.ToString('R', [cultureinfo]::InvariantCulture) }) -join ' '
        """;

    public int Run(BenchArguments args)
    {
        var repeat = args.Int("repeat", 5);
        var repo = BenchFiles.RepoRoot();
        var work = BenchFiles.NewWorkspace("readytorun");
        try
        {
            var il = CopyModule(repo, Path.Combine(work, "il"));
            var r2r = CopyModule(repo, Path.Combine(work, "r2r"));
            var published = Path.Combine(work, "published");
            BenchProcess.Run("dotnet", new[] { "publish", Path.Combine(repo, "bench", "SoakPS.ReadyToRun"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-o", published, "-nologo" }, repo);
            File.Copy(Path.Combine(published, "SoakPS.Engine.dll"), Path.Combine(r2r, "SoakPS.Engine.dll"), overwrite: true);
            var script = Path.Combine(work, "first.ps1");
            File.WriteAllText(script, Script);

            var samples = new Dictionary<string, List<Dictionary<string, double>>> { ["IL"] = new(), ["ReadyToRun"] = new() };
            for (var round = 0; round < repeat; round++)
            {
                // Alternate which goes first, so a drift in the machine's load does not favour one side.
                foreach (var (name, module) in round % 2 == 0 ? new[] { ("IL", il), ("ReadyToRun", r2r) } : new[] { ("ReadyToRun", r2r), ("IL", il) })
                {
                    var session = Path.Combine(work, $"{name}-{round}");
                    RotationBenchmark.Build(Path.Combine(session, "tree"), 1_000, 20, 7);
                    var line = BenchProcess.Run("dotnet", new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", script, "-Module", Path.Combine(module, "SoakPS.psd1"), "-Work", session }, repo);
                    samples[name].Add(Parse(line));
                    BenchFiles.Remove(session);
                }
            }

            Console.WriteLine($"ReadyToRun SoakPS.Engine.dll ({RuntimeInformation.RuntimeIdentifier}) vs IL, fresh pwsh per sample, median of {repeat}, ms inside pwsh; load {File.ReadAllText("/proc/loadavg").Trim()}");
            Console.WriteLine($"  engine size: IL {new FileInfo(Path.Combine(il, "SoakPS.Engine.dll")).Length / 1024} KB, ReadyToRun {new FileInfo(Path.Combine(r2r, "SoakPS.Engine.dll")).Length / 1024} KB");
            foreach (var step in Steps)
            {
                var a = BenchFiles.Median(samples["IL"].Select(s => s[step]));
                var b = BenchFiles.Median(samples["ReadyToRun"].Select(s => s[step]));
                Console.WriteLine($"  {step,-12} IL {a,8:F0}   ReadyToRun {b,8:F0}   ratio {b / a:F2}");
            }
            double EarlyOverSettled(string name) => BenchFiles.Median(samples[name].Select(s => s["mock-first"] / s["mock-second"]));
            Console.WriteLine($"  first / second 100-iteration run (early vs settled): IL {EarlyOverSettled("IL"):F2}, ReadyToRun {EarlyOverSettled("ReadyToRun"):F2}");
            return 0;
        }
        finally
        {
            BenchFiles.Remove(work);
        }
    }

    private static string CopyModule(string repo, string target)
    {
        var source = Path.Combine(repo, "out", "SoakPS");
        if (!File.Exists(Path.Combine(source, "SoakPS.psd1"))) throw new InvalidOperationException($"Build the module first: {source} has no SoakPS.psd1.");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    private static Dictionary<string, double> Parse(string output)
    {
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        var values = line.Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        if (!Steps.All(values.ContainsKey)) throw new InvalidOperationException($"pwsh printed '{line}'.");
        return values;
    }
}
