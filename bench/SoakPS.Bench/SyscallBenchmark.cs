using System.Globalization;
using SoakPS.Engine.Files;
using SoakPS.Engine.Runs;

namespace SoakPS.Bench;

/// <summary>
/// The system calls one iteration of a mock run makes, counted by strace over a short and a long
/// run in fresh processes, so start-up and the run's end cancel out and what is left is per iteration.
/// </summary>
public sealed class SyscallBenchmark : IBenchmark
{
    public string Name => "syscalls";
    public string Description => "system calls per iteration of a mock run (strace -f -c, a short and a long run, the difference per iteration) [--short 100] [--long 600]";

    public int Run(BenchArguments args)
    {
        if (args.Text("child-root") is { } root)
        {
            // The traced side: the run alone; its folder is removed by the parent, outside the count.
            var options = IterationOverheadBenchmark.PlanMockRun(new ArtifactLayout(root), args.Int("iterations", 100));
            using (options.Source)
            {
                foreach (var _ in SoakRunner.Execute(new ArtifactLayout(root), options, CancellationToken.None)) { }
            }
            return 0;
        }
        foreach (var line in Measure(args.Int("short", 100), args.Int("long", 600)))
        {
            Console.WriteLine(line);
        }
        return 0;
    }

    public static IEnumerable<string> Measure(int shortRun, int longRun)
    {
        if (!File.Exists("/usr/bin/strace"))
        {
            yield return "system calls per iteration: not measured (no /usr/bin/strace; Debian package strace)";
            yield break;
        }
        var few = Count(shortRun);
        var many = Count(longRun);
        double PerIteration(Func<(long Calls, long Errors), long> pick, string name) =>
            (pick(many.GetValueOrDefault(name)) - pick(few.GetValueOrDefault(name))) / (double)(longRun - shortRun);
        double Calls(string name) => PerIteration(c => c.Calls, name);
        double Errors(string name) => PerIteration(c => c.Errors, name);
        yield return $"system calls per iteration, mock run with auto-tune, sleep 0 (strace -f -c: {longRun} minus {shortRun} iterations, per iteration):";
        var rows = many.Keys.Union(few.Keys).Select(name => (name, calls: Calls(name), errors: Errors(name)))
            .Where(r => r.calls >= 0.05).OrderByDescending(r => r.calls);
        foreach (var (name, calls, errors) in rows)
        {
            yield return $"  {name,-14} {calls,6:F2}" + (errors >= 0.05 ? $"   ({errors:F2} failed)" : string.Empty);
        }
        yield return $"  flock {Calls("flock"):F1} (before: 18), failed mkdir {Errors("mkdir"):F1} (before: 6), open {Calls("openat") + Calls("open"):F1} (before: 9); " +
            $"fsync {Calls("fsync"):F1} and rename {Calls("rename"):F1} are the durable writes themselves";
    }

    /// <summary>strace's summary of one mock run in a fresh process: calls and failed calls by system call.</summary>
    private static Dictionary<string, (long Calls, long Errors)> Count(int iterations)
    {
        var report = Path.GetTempFileName();
        var root = BenchFiles.NewWorkspace("syscalls");
        try
        {
            var self = Path.Combine(AppContext.BaseDirectory, "SoakPS.Bench.dll");
            BenchProcess.Run("/usr/bin/strace", ["-f", "-c", "-U", "name,calls,errors", "-o", report,
                "dotnet", self, "syscalls", "--child-root", root, "--iterations", iterations.ToString(CultureInfo.InvariantCulture)]);
            var counts = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines(report))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 2 && fields[0] != "total" && long.TryParse(fields[1], CultureInfo.InvariantCulture, out var calls))
                {
                    counts[fields[0]] = (calls, fields.Length >= 3 && long.TryParse(fields[2], CultureInfo.InvariantCulture, out var errors) ? errors : 0);
                }
            }
            return counts;
        }
        finally
        {
            File.Delete(report);
            BenchFiles.Remove(root);
        }
    }
}
