using System.Diagnostics;

namespace SoakPS.Bench;

/// <summary>Temp folders for benchmark trees, the repository root, and `sync` so every side starts from the same disk state.</summary>
public static class BenchFiles
{
    public static string NewWorkspace(string what) => Directory.CreateTempSubdirectory($"soakps-bench-{what}-").FullName;

    public static void Sync()
    {
        using var sync = Process.Start("sync");
        sync.WaitForExit();
    }

    /// <summary>
    /// After <see cref="Sync"/>: waits until no block device has completed a write or discard for one second (at most
    /// <paramref name="limit"/>), so a run does not start while the disk still works off an earlier run's files.
    /// Returns how long it waited.
    /// </summary>
    public static TimeSpan WaitForQuietDisk(TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        if (!File.Exists("/proc/diskstats")) return TimeSpan.Zero;
        var last = DiskWork();
        var quietSince = watch.Elapsed;
        while (watch.Elapsed < limit && watch.Elapsed - quietSince < TimeSpan.FromSeconds(1))
        {
            Thread.Sleep(100);
            var now = DiskWork();
            if (now != last) quietSince = watch.Elapsed;
            last = now;
        }
        return watch.Elapsed;
    }

    /// <summary>Writes and discards completed plus I/Os in flight, summed over the whole-disk devices of /proc/diskstats.</summary>
    private static long DiskWork()
    {
        long total = 0;
        foreach (var line in File.ReadLines("/proc/diskstats"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 15 || fields[1] != "0" || fields[2].StartsWith("loop", StringComparison.Ordinal)) continue;
            total += long.Parse(fields[7]) + long.Parse(fields[11]) + long.Parse(fields[14]);
        }
        return total;
    }

    public static void Remove(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); } catch (IOException) { }
    }

    /// <summary>The folder holding SoakPS.sln, found by walking up from the benchmark's own location.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SoakPS.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("SoakPS.sln not found above " + AppContext.BaseDirectory);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
