using System.Diagnostics;

namespace SoakPS.TestSupport;

/// <summary>
/// A real external program (promtool, prometheus, chromium from tools/install-deps.sh; mkfifo, mount, action-validator)
/// run to completion.
/// </summary>
public static class ExternalTool
{
    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, string? stdin = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Start(start);
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in time");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{start.FileName} is not installed; run tools/install-deps.sh.", e);
        }
    }
}
