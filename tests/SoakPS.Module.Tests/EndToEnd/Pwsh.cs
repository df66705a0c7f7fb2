using System.Diagnostics;

namespace SoakPS.Module.Tests.EndToEnd;

/// <summary>What one finished process did: its exit code and everything it wrote.</summary>
public sealed record ProcessRun(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// The pwsh pinned in .config/dotnet-tools.json, started as real processes. The engine (pwsh.dll) is started with
/// dotnet directly: the tool's launcher runs it as a child process that a signal sent to the launcher never reaches.
/// </summary>
public static class Pwsh
{
    private static readonly Lazy<string> s_engine = new(LocateEngine);

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    /// <summary>The full path of the pinned pwsh.dll, restored by `dotnet tool restore`.</summary>
    public static string Engine => s_engine.Value;

    /// <summary>The first statement of every script: the built module, as a user imports it.</summary>
    public static string ImportModule => $"Import-Module {Quote(PowerShellSession.ModulePath)} -ErrorAction Stop";

    /// <summary>A PowerShell single-quoted string literal of <paramref name="text"/>.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''") + "'";

    /// <summary>The command line `dotnet pwsh.dll -NoProfile -NonInteractive -Command script`.</summary>
    public static IReadOnlyList<string> CommandLine(string script, bool interactive = false)
    {
        var line = new List<string> { "dotnet", Engine, "-NoProfile" };
        if (!interactive)
        {
            line.Add("-NonInteractive");
        }
        line.Add("-Command");
        line.Add(script);
        return line;
    }

    /// <summary>A process of <paramref name="commandLine"/> with redirected streams and an environment free of this machine's settings.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyList<string> commandLine)
    {
        var start = new ProcessStartInfo(commandLine[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in commandLine.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in ChildEnvironment)
        {
            start.Environment[name] = value;
        }
        start.Environment.Remove("SOAKPS_MODULE_PATH");
        return start;
    }

    /// <summary>Plain text output, and no calls from pwsh to the network (update check, telemetry).</summary>
    public static IReadOnlyDictionary<string, string> ChildEnvironment { get; } = new Dictionary<string, string>
    {
        ["NO_COLOR"] = "1",
        ["POWERSHELL_TELEMETRY_OPTOUT"] = "1",
        ["POWERSHELL_UPDATECHECK"] = "Off",
    };

    /// <summary>
    /// Runs a script file in a new pwsh process to its end, with <paramref name="environment"/> on top of the child
    /// environment (a null value removes a variable). The parent's PSModulePath is dropped so the child finds modules
    /// where a user's pwsh would. It runs in <paramref name="workingDirectory"/>, the repository's root unless given.
    /// </summary>
    public static ProcessRun RunFile(string scriptPath, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = StartInfo(workingDirectory ?? PowerShellSession.RepoRoot, ["dotnet", Engine, "-NoProfile", "-NonInteractive", "-File", scriptPath, .. arguments]);
        start.Environment.Remove("PSModulePath");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }
        return RunToEnd(start);
    }

    /// <summary>Runs <paramref name="script"/> in a new pwsh process (the module is not imported for it) to its end.</summary>
    public static ProcessRun Run(string workingDirectory, string script) =>
        RunToEnd(StartInfo(workingDirectory, CommandLine(script)));

    public static ProcessRun RunToEnd(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish in {s_timeout}.");
        }
        return new ProcessRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string LocateEngine()
    {
        // Asking the restored tool itself keeps this independent of the NuGet folder layout; a clone where
        // `dotnet tool restore` has not run yet gets it here, as build.ps1 and .ci/run do first.
        var probe = Dotnet("tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-Command", "[System.Reflection.Assembly]::GetEntryAssembly().Location");
        if (probe.ExitCode != 0)
        {
            var restore = Dotnet("tool", "restore");
            if (restore.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet tool restore failed: " + restore.Stdout + restore.Stderr);
            }
            probe = Dotnet("tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-Command", "[System.Reflection.Assembly]::GetEntryAssembly().Location");
        }
        var engine = probe.Stdout.Trim();
        if (probe.ExitCode != 0 || !File.Exists(engine))
        {
            throw new InvalidOperationException($"The pinned pwsh did not start (exit {probe.ExitCode}): {probe.Stdout}{probe.Stderr}");
        }
        return engine;
    }

    private static ProcessRun Dotnet(params string[] arguments) =>
        RunToEnd(StartInfo(PowerShellSession.RepoRoot, ["dotnet", .. arguments]));
}
