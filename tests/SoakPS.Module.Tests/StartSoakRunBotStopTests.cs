using System.Diagnostics;
using System.Text.Json.Nodes;
using SoakPS.Module.Tests.EndToEnd;

namespace SoakPS.Module.Tests;

/// <summary>Ctrl+C of a real pwsh while a real bot iteration hangs, then -Resume in a new pwsh.</summary>
[Trait("Category", "Pwsh")]
public sealed class StartSoakRunBotStopTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "soakps-bot-stop", Guid.NewGuid().ToString("N"));

    public StartSoakRunBotStopTests() => Directory.CreateDirectory(_work);

    public void Dispose()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Ctrl_C_of_pwsh_during_a_bot_iteration_leaves_no_bot_process_and_resume_finishes_the_run()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // A console control event cannot be sent to a redirected child on Windows; Stop is covered by the engine test there.
        }
        var root = Path.Combine(_work, "soak");
        var pidFile = Path.Combine(_work, "pids");
        var echo = Path.Combine(_work, "echo.jsonl");
        var arguments = string.Join(",", TestBot.Program.Arguments("hang-once", Path.Combine(_work, "hung"), pidFile, echo).Select(Pwsh.Quote));
        var start = Pwsh.StartInfo(_work, Pwsh.CommandLine(
            $"{Pwsh.ImportModule}; Start-SoakRun -Command {Pwsh.Quote(TestBot.Program.FileName)} -ArgumentList {arguments} -Iterations 3 -AutoTune -IntervalSeconds 0 -ArtifactPath {Pwsh.Quote(root)}"));

        using (var pwsh = Process.Start(start)!)
        {
            pwsh.StandardInput.Close();
            var stdout = pwsh.StandardOutput.ReadToEndAsync();
            var stderr = pwsh.StandardError.ReadToEndAsync();
            var pids = ProcessProbe.ReadPids(pidFile, TimeSpan.FromSeconds(120));
            Assert.All(pids, pid => Assert.True(ProcessProbe.IsRunning(pid), $"bot process {pid} should be running before Ctrl+C"));

            Assert.Equal(0, SendSignal(pwsh.Id, SigInt));
            Assert.True(pwsh.WaitForExit(TimeSpan.FromSeconds(60)), "pwsh did not stop on SIGINT");
            Assert.Empty(ProcessProbe.StillRunning(pids, TimeSpan.FromSeconds(2)));
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "run.json")))!;
            Assert.True((string)manifest["status"]! == "stopped", $"run.json says {manifest["status"]}; pwsh wrote: {stdout.Result}{stderr.Result}");
            Assert.False(File.Exists(Path.Combine(root, "soak.lock")));
        }

        var resumed = Pwsh.Run(_work, $"{Pwsh.ImportModule}; $null = Start-SoakRun -Resume -IntervalSeconds 0 -ArtifactPath {Pwsh.Quote(root)}");
        Assert.True(resumed.ExitCode == 0, $"resume exited {resumed.ExitCode}: {resumed.Stdout}{resumed.Stderr}");
        var finished = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "run.json")))!;
        Assert.Equal("completed", (string)finished["status"]!);
        Assert.Equal(3, (int)finished["iterations_completed"]!);
        Assert.Equal(new[] { "1", "2", "3" }, File.ReadAllLines(echo).Select(l => (string)JsonNode.Parse(l)!["iteration"]!));
    }

    private const int SigInt = 2;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
