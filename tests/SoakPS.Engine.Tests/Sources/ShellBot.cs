using SoakPS.Engine.Runs;
using SoakPS.Engine.Sources;

namespace SoakPS.Engine.Tests.Sources;

/// <summary>
/// A real bot as a POSIX shell script, for the attack tests, with a work folder and an artifact root (Work/root) of
/// its own: each iteration it puts a valid edge report in place, then runs the test's script with the further
/// arguments as $2, $3, …; arguments reach it as a list, never through a shell string.
/// </summary>
internal sealed class ShellBot : IDisposable
{
    public ShellBot(string prefix)
    {
        Work = new TempFolder(prefix);
        Harness = new RunHarness(Work["root"]);
        File.WriteAllText(Work["report.json"], ReportTexts.Stable);
    }

    public TempFolder Work { get; }
    public RunHarness Harness { get; }

    public List<RunEvent> Run(string script, int iterations, params string[] arguments)
    {
        Skip.If(OperatingSystem.IsWindows(), "The bots are POSIX shell scripts.");
        using var source = new CommandSource("sh", new[] { "-c", "cp \"$1\" \"$SOAK_EDGE_REPORT_PATH\"; " + script, "sh", Work["report.json"] }.Concat(arguments).ToArray(),
            Work.Path, TimeSpan.FromSeconds(60));
        return Harness.Run(Harness.Options(source, iterations));
    }

    public void Dispose()
    {
        Harness.Dispose();
        Work.Dispose();
    }
}
