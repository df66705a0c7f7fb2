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
