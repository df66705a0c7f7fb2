using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using SoakPS.Module.Tests.EndToEnd;

namespace SoakPS.Module.Tests.Hardening;

/// <summary>
/// Attack class "stopping the simulator and the study", in real pwsh processes: Ctrl+C (SIGINT) or SIGTERM inside a
/// day-long simulated window stops the run inside that window with run.json "stopped"; the same signals during a
/// study leave no temporary folder behind; limits that overflow the market clock or the seeds are clear errors.
/// </summary>
[Trait("Category", "Attack")]
[Trait("Category", "Pwsh")]
public sealed class SimulatorStopAttacks : IDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    private readonly TempFolder _temp = new("soakps-sim-stop-");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(SigInt)]
    [InlineData(SigTerm)]
    public void A_signal_inside_a_day_long_window_stops_the_run_there_and_marks_it_stopped(int signal)
    {
        if (OperatingSystem.IsWindows()) return; // kill(2) does not exist there; the Linux runs cover it.
        var root = Path.Combine(_temp.Path, "root");
        // The busiest market a profile may ask for (1,000 events a second of each kind): a day of it takes the simulator tens of seconds.
        Directory.CreateDirectory(Path.Combine(root, "profiles"));
        var busy = """{"market_data_per_second": 1000, "uninformed_orders_per_second": 1000, "informed_orders_per_second": 1000}""";
        File.WriteAllText(Path.Combine(root, "profiles", "busy.json"), "{\"description\": \"busiest market\", \"parameters\": {}, \"policy\": {\"simulator\": {\"regimes\": " +
            $"{{\"calm\": {busy}, \"volatile\": {busy}, \"spike\": {busy}}}}}}}}}");
        using var process = Start($"Start-SoakRun -Simulate -Profile busy -Iterations 2 -IterationMinutes 1440 -ArtifactPath {Pwsh.Quote(root)}", _temp.Path);
        WaitFor(() => File.Exists(Path.Combine(root, "latest", "run.json")), process);
        Thread.Sleep(1000);
        Assert.False(File.Exists(Path.Combine(root, "latest", "ITER_SUMMARY_1.json")), "the first day-long window ended before the signal; the test needs a longer one");

        Assert.Equal(0, SendSignal(process.Id, signal));
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "pwsh did not end on the signal");

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "run.json")))!;
        Assert.True((string)manifest["status"]! == "stopped", $"run.json says {manifest["status"]}: {process.StandardError.ReadToEnd()}");
        // Stopped inside the window it was in, not after finishing it.
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "latest"), "ITER_SUMMARY_*.json"));
    }

    [Theory]
    [InlineData(SigInt)]
    [InlineData(SigTerm)]
    public void A_signal_during_a_study_leaves_no_temporary_folder(int signal)
    {
        if (OperatingSystem.IsWindows()) return;
        var temp = Directory.CreateDirectory(Path.Combine(_temp.Path, "tmp")).FullName;
        using var process = Start("$null = Invoke-SoakStudy -Seeds 4 -Iterations 400 -IterationMinutes 60 -Profile steady_safe -Tuner rules -ThrottleLimit 2 -Verbose", temp, temp);
        // The study names its temporary root (memory-backed where the system has it) on the verbose stream.
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.Contains("Study root: ", StringComparison.Ordinal))
        {
        }
        Assert.NotNull(line);
        var root = line[(line.IndexOf("Study root: ", StringComparison.Ordinal) + "Study root: ".Length)..line.IndexOf(" (", StringComparison.Ordinal)];
        WaitFor(() => Directory.Exists(root) && Directory.EnumerateFiles(root, "ITER_SUMMARY_*.json", SearchOption.AllDirectories).Any(), process);

        Assert.Equal(0, SendSignal(process.Id, signal));
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "pwsh did not end on the signal");

        Assert.False(Directory.Exists(root), $"left behind: {root}; {process.StandardError.ReadToEnd()}");
    }

    [Theory]
    [InlineData("Start-SoakRun -Simulate -Iterations 10000000 -IterationMinutes 1440", "MarketTimeOutOfRange")]
    [InlineData("Invoke-SoakStudy -FirstSeed 2147483647 -Seeds 2", "StudySeedsOutOfRange")]
    public void Limits_that_overflow_are_clear_errors_before_anything_runs(string command, string errorId)
    {
        using var s = new PowerShellSession();
        var result = s.Run($"{command} -ArtifactPath '{s.ArtifactRoot}'");
        Assert.DoesNotContain(result.AllErrors, e => e.Exception is ArgumentOutOfRangeException);
        result.ErrorWithId(errorId);
        Assert.Empty(Directory.EnumerateFileSystemEntries(s.ArtifactRoot));
    }

    /// <summary>pwsh (the engine itself, with SIGINT at its default) running <paramref name="command"/>; TMPDIR is where its temporary folders go.</summary>
    private static Process Start(string command, string folder, string? tmp = null)
    {
        var start = Pwsh.StartInfo(folder, ["env", "--default-signal=INT", .. Pwsh.CommandLine(Pwsh.ImportModule + "\n" + command)]);
        if (tmp is not null) start.Environment["TMPDIR"] = tmp;
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    private static void WaitFor(Func<bool> condition, Process process)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (process.HasExited) Assert.Fail($"pwsh ended early: {process.StandardOutput.ReadToEnd()} {process.StandardError.ReadToEnd()}");
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), "timed out waiting for the run to start");
            Thread.Sleep(50);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
