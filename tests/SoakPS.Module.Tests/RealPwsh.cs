using System.Diagnostics;

namespace SoakPS.Module.Tests;

/// <summary>
/// Real pwsh 7.6.9 from the PowerShell NuGet tool package, started as `dotnet pwsh.dll` so the test process is the
/// engine's parent and a signal reaches the engine itself, not a launcher (PLATFORM.md).
/// </summary>
public static class RealPwsh
{
    public const string Version = "7.6.9";

    public static string Dll { get; } = Locate();

    public static ProcessStartInfo StartInfo(string command, string workingDirectory)
    {
        var start = new ProcessStartInfo(TestBotDotnet())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in new[] { Dll, "-NoProfile", "-NonInteractive", "-Command", $"Import-Module '{PowerShellSession.ModulePath}' -ErrorAction Stop; {command}" })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["NO_COLOR"] = "1";
        return start;
    }

    private static string TestBotDotnet() => SoakPS.Engine.Tests.Sources.TestBot.Dotnet;

    private static string Locate()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var flavour = OperatingSystem.IsWindows() ? "win" : "unix";
        var dll = Path.Combine(packages, "powershell", Version, "tools", "net10.0", "any", flavour, "pwsh.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"pwsh {Version} is not restored: run `dotnet tool restore` (PowerShell {Version}).", dll);
    }
}
