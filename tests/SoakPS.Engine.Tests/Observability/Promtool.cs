using System.Diagnostics;

namespace SoakPS.Engine.Tests.Observability;

/// <summary>The real promtool (Debian package prometheus, tools/install-deps.sh) checking exposition text.</summary>
public static class Promtool
{
    public static (int ExitCode, string Output) CheckMetrics(string exposition)
    {
        var start = new ProcessStartInfo("promtool") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("metrics");
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("promtool is not installed; run tools/install-deps.sh (Debian package prometheus).", e);
        }
        using (process)
        {
            process.StandardInput.Write(exposition);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(30_000), "promtool did not finish");
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
