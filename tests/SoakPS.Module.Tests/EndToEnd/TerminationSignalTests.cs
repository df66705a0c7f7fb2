using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace SoakPS.Module.Tests.EndToEnd;

/// <summary>
/// Start-SoakRun in a real pwsh process ended by a scheduler (SIGTERM) or a lost terminal (SIGHUP): the engine holds
/// the signal until the run is closed, so run.json says stopped, the lock is released, and the script goes no further.
/// </summary>
public sealed class TerminationSignalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("soakps-signal-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Theory]
    [InlineData(15)]
    [InlineData(1)]
    public async Task A_termination_signal_to_pwsh_stops_the_run_like_Ctrl_C(int signal)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // kill(2) does not exist there; the engine maps console close and shutdown to the same handler.
        }
        var root = Path.Combine(_folder, "root");
        var script = $"{Pwsh.ImportModule}\nStart-SoakRun -Mock -Iterations 100000 -AutoTune -IntervalSeconds 0.05 -ArtifactPath {Pwsh.Quote(root)} | " +
            "ForEach-Object { [Console]::Out.WriteLine('iteration ' + $_.Iteration) }\n[Console]::Out.WriteLine('script went on')";
        using var process = Process.Start(Pwsh.StartInfo(_folder, Pwsh.CommandLine(script)))!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.Equal("iteration 1", process.StandardOutput.ReadLine());

        Assert.Equal(0, SendSignal(process.Id, signal));
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "pwsh did not end on the signal");
        var printed = await process.StandardOutput.ReadToEndAsync();

        Assert.DoesNotContain("script went on", printed);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "run.json")))!;
        Assert.True((string)manifest["status"]! == "stopped", $"run.json says {manifest["status"]}; stderr: {await stderr}");
        Assert.False(File.Exists(Path.Combine(root, "soak.lock")));

        var next = Pwsh.Run(_folder, $"{Pwsh.ImportModule}\n$null = Start-SoakRun -Mock -Iterations 1 -ArtifactPath {Pwsh.Quote(root)} -WarningVariable w\nif ($w) {{ 'warned: ' + $w }}");
        Assert.True(next.ExitCode == 0, next.Stderr);
        Assert.DoesNotContain("warned", next.Stdout);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
