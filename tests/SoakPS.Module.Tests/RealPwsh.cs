using System.Diagnostics;

namespace SoakPS.Module.Tests;

public sealed record PwshResult(int ExitCode, string Output, string Error)
{
    public string Describe() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>
/// Starts the real pwsh a user has: $env:SOAKPS_PWSH if set, else the repository's pinned tool (dotnet pwsh, from
/// .config/dotnet-tools.json), else pwsh on PATH. Plain text output, no profile, never prompts.
/// </summary>
public static class RealPwsh
{
    public static PwshResult RunFile(string scriptPath, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var (fileName, prefix) = Command();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = PowerShellSession.RepoRoot,
        };
        foreach (var argument in prefix.Concat(["-NoProfile", "-NonInteractive", "-File", scriptPath]).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NO_COLOR"] = "1";
        // A parent pwsh's module path would hide where the child finds modules by itself.
        start.Environment.Remove("PSModulePath");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        Process started;
        try
        {
            started = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot start pwsh ('{fileName}'): restore the pinned tool (dotnet tool restore) or set SOAKPS_PWSH.", e);
        }
        using var process = started;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pwsh {scriptPath} did not finish in time.\n{output.Result}\n{error.Result}");
        }
        process.WaitForExit();
        return new PwshResult(process.ExitCode, output.Result, error.Result);
    }

    private static (string FileName, string[] Prefix) Command()
    {
        var configured = Environment.GetEnvironmentVariable("SOAKPS_PWSH");
        if (!string.IsNullOrEmpty(configured))
        {
            return (configured, []);
        }
        var manifest = Path.Combine(PowerShellSession.RepoRoot, ".config", "dotnet-tools.json");
        if (File.Exists(manifest) && File.ReadAllText(manifest).Contains("\"pwsh\"", StringComparison.Ordinal))
        {
            return ("dotnet", ["pwsh"]);
        }
        return ("pwsh", []);
    }
}
