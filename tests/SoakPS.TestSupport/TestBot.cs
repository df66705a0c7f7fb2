using System.Diagnostics;

namespace SoakPS.TestSupport;

/// <summary>tests/bots/SoakPS.TestBot, started as a real process: through dotnet, so the same command works on every OS.</summary>
public static class TestBot
{
    public static readonly RepoProgram Program = RepoProgram.Locate("SoakPS.TestBot", "tests/bots");

    /// <summary>Starts the bot directly (the background bot of the report-file source runs beside the run, not under it).</summary>
    public static Process Start(params string[] modeAndArguments) => Process.Start(Program.StartInfo(modeAndArguments))!;
}

/// <summary>Whether a process id still names a running process (a zombie waiting for its parent counts as gone).</summary>
public static class ProcessProbe
{
    public static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var state = stat[(stat.LastIndexOf(')') + 2)..][0];
                return state is not ('Z' or 'X');
            }
            catch (IOException)
            {
                return false;
            }
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Waits until a bot has written its pid file (written by rename, so never half read).</summary>
    public static int[] ReadPids(string pidFile, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (!File.Exists(pidFile))
        {
            if (watch.Elapsed > within) throw new TimeoutException($"the bot wrote no pid file at {pidFile}");
            Thread.Sleep(20);
        }
        return File.ReadAllText(pidFile).Split(' ').Select(int.Parse).ToArray();
    }

    /// <summary>Reaping an orphan takes its new parent a moment: wait briefly before calling a process left over.</summary>
    public static IReadOnlyList<int> StillRunning(IEnumerable<int> pids, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var left = pids.Where(IsRunning).ToArray();
            if (left.Length == 0 || watch.Elapsed > within) return left;
            Thread.Sleep(20);
        }
    }
}
