using System.Diagnostics;

namespace SoakPS.Bench;

/// <summary>Runs a program to its end: its standard output, or an exception with its exit code and error output.</summary>
public static class BenchProcess
{
    public static string Run(string file, IEnumerable<string> arguments, string? directory = null)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (directory is not null) start.WorkingDirectory = directory;
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {errors.Result}{output}");
        }
        return output;
    }
}
