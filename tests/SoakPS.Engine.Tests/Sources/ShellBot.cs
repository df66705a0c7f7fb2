using SoakPS.Engine.Sources;

namespace SoakPS.Engine.Tests.Sources;

/// <summary>
/// A real bot as a POSIX shell script for the attack tests: it puts a valid edge report in place ($1), then runs
/// <c>script</c> with the further arguments as $2, $3, …; arguments reach it as a list, never through a shell string.
/// </summary>
public static class ShellBot
{
    public static CommandSource Create(string workingDirectory, string validReport, string script, params string[] arguments)
    {
        Skip.If(OperatingSystem.IsWindows(), "The bots are POSIX shell scripts.");
        return new CommandSource("sh", new[] { "-c", "cp \"$1\" \"$SOAK_EDGE_REPORT_PATH\"; " + script, "sh", validReport }.Concat(arguments).ToArray(),
            workingDirectory, TimeSpan.FromSeconds(60));
    }
}
