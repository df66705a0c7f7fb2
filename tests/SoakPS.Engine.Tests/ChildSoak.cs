using System.Diagnostics;

namespace SoakPS.Engine.Tests;

/// <summary>Starts SoakPS.SoakChild as a real process over an artifact root.</summary>
public static class ChildSoak
{
    private static readonly RepoProgram Child = RepoProgram.Locate("SoakPS.SoakChild", "tests");

    public static Process Start(string root, int iterations, double intervalSeconds, bool resume = false, string? startWhen = null)
    {
        var arguments = new List<string> { root, iterations.ToString(), intervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (resume) arguments.Add("--resume");
        if (startWhen is not null)
        {
            arguments.Add("--start-when");
            arguments.Add(startWhen);
        }
        return Process.Start(Child.StartInfo(arguments.ToArray()))!;
    }

    /// <summary>A bot-like reader of runtime_overrides.json in its own process, until <paramref name="stopFile"/> exists.</summary>
    public static Process StartOverridesReader(string path, string stopFile) => Process.Start(Child.StartInfo("--read-overrides", path, stopFile))!;

    public static void RunToEnd(string root, int iterations, bool resume)
    {
        using var p = Start(root, iterations, 0, resume);
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"child exited {p.ExitCode}: {stderr.Result}\n{stdout}");
    }
}
