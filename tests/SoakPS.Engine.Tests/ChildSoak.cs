using System.Diagnostics;

namespace SoakPS.Engine.Tests;

/// <summary>Starts SoakPS.SoakChild as a real process over an artifact root.</summary>
public static class ChildSoak
{
    private static readonly string ChildDll = Locate();

    public static Process Start(string root, int iterations, double intervalSeconds, bool resume = false, string? startWhen = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { ChildDll, root, iterations.ToString(), intervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }
        if (resume) info.ArgumentList.Add("--resume");
        if (startWhen is not null)
        {
            info.ArgumentList.Add("--start-when");
            info.ArgumentList.Add(startWhen);
        }
        return Process.Start(info)!;
    }

    /// <summary>A bot-like reader of runtime_overrides.json in its own process, until <paramref name="stopFile"/> exists.</summary>
    public static Process StartOverridesReader(string path, string stopFile)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { ChildDll, "--read-overrides", path, stopFile })
        {
            info.ArgumentList.Add(a);
        }
        return Process.Start(info)!;
    }

    public static void RunToEnd(string root, int iterations, bool resume)
    {
        using var p = Start(root, iterations, 0, resume);
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"child exited {p.ExitCode}: {stderr.Result}\n{stdout}");
    }

    private static string Locate()
    {
        var testDir = AppContext.BaseDirectory;
        var config = new DirectoryInfo(testDir).Parent!.Name;
        var repo = new DirectoryInfo(testDir);
        while (!File.Exists(Path.Combine(repo.FullName, "SoakPS.sln"))) repo = repo.Parent!;
        var dll = Path.Combine(repo.FullName, "tests", "SoakPS.SoakChild", "bin", config, "net10.0", "SoakPS.SoakChild.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build tests/SoakPS.SoakChild first.", dll);
    }
}
