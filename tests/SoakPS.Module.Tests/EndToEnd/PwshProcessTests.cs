using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SoakPS.Module.Tests.EndToEnd;

/// <summary>
/// SoakPS in real pwsh processes, as CI steps and scripts run it: exit codes, -WhatIf text, Ctrl+C then -Resume.
/// </summary>
[Trait("Category", "Pwsh")]
public sealed class PwshProcessTests : IDisposable
{
    private readonly TempFolder _temp = new("soakps-pwsh-");

    private string Folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private ProcessRun RunWithModule(string script) => Pwsh.Run(Folder, Pwsh.ImportModule + "\n" + script);

    private string Root(string name) => Path.Combine(Folder, name);

    [Fact]
    public void The_readme_soak_shows_the_iteration_table_and_exits_0()
    {
        var root = Root("soak");
        var run = RunWithModule($"Start-SoakRun -Simulate -Iterations 96 -IterationMinutes 15 -AutoTune -ArtifactPath {Pwsh.Quote(root)}");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Matches(@"Iter\s+Verdict\s+NetBps", run.Stdout);
        Assert.DoesNotContain("\u001b", run.Stdout);
        Assert.True(File.Exists(Path.Combine(root, "latest", "ITER_SUMMARY_96.json")));
        Assert.Contains("| 96 |", File.ReadAllText(Path.Combine(root, "latest", "CANARY_REPORT.md")));
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void A_failed_KPI_gate_exits_1_only_with_FailOnKpi_and_keeps_every_iteration(bool failOnKpi, int exitCode)
    {
        // Two mock iterations end with a FAIL verdict (see the Pester file of Start-SoakRun).
        var root = Root("gate");
        var gate = failOnKpi ? " -FailOnKpi" : string.Empty;
        var run = RunWithModule($"Start-SoakRun -Mock -Iterations 2{gate} -ArtifactPath {Pwsh.Quote(root)}");
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal(failOnKpi, run.Stderr.Contains("KPI verdict FAIL"));
        Assert.True(File.Exists(Path.Combine(root, "latest", "ITER_SUMMARY_2.json")));
    }

    [Fact]
    public void A_terminating_error_of_the_last_command_exits_1_with_its_message()
    {
        var run = RunWithModule($"Start-SoakRun -Resume -ArtifactPath {Pwsh.Quote(Root("empty"))}");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Start-SoakRun:", run.Stderr);
    }

    [Fact]
    public void With_ErrorActionPreference_Stop_a_terminating_error_ends_the_script_with_exit_1()
    {
        var run = RunWithModule($"$ErrorActionPreference = 'Stop'\nStart-SoakRun -Resume -ArtifactPath {Pwsh.Quote(Root("empty"))}\n'not reached'");
        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("not reached", run.Stdout);
        Assert.Contains("Start-SoakRun:", run.Stderr);
    }

    [Fact]
    public void WhatIf_prints_what_would_be_written_and_writes_nothing()
    {
        var root = Root("whatif");
        Directory.CreateDirectory(root);
        var live = Path.Combine(root, "runtime_overrides.json");
        var run = RunWithModule($"Set-SoakProfile steady_safe -ArtifactPath {Pwsh.Quote(root)} -WhatIf");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.StartsWith("What if: Performing the operation \"Write profile 'steady_safe': ", run.Stdout.Trim());
        Assert.EndsWith($"on target \"{live}\".", run.Stdout.Trim());
        Assert.False(File.Exists(live));
    }

    [Fact]
    public async Task Ctrl_C_during_a_run_stops_it_cleanly_and_Resume_finishes_it()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // No console control event reaches a redirected child on Windows; the Linux runs cover it.
        }
        var root = Root("stopped");
        var script = $"{Pwsh.ImportModule}\nStart-SoakRun -Mock -Iterations 60 -AutoTune -IntervalSeconds 0.2 -ArtifactPath {Pwsh.Quote(root)} | ForEach-Object {{ [Console]::Out.WriteLine('iteration ' + $_.Iteration) }}";
        // env puts SIGINT back to its default: a test run started in the background inherits it as ignored, a terminal never does.
        var start = Pwsh.StartInfo(Folder, ["env", "--default-signal=INT", .. Pwsh.CommandLine(script)]);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.Equal("iteration 1", process.StandardOutput.ReadLine());
        // env has exec'd dotnet, so this process id is the pwsh engine itself.
        Assert.Equal(0, SendSignal(process.Id, SigInt));
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "pwsh did not stop on SIGINT");

        var printed = await process.StandardOutput.ReadToEndAsync() + await stderr;
        Assert.True(process.ExitCode == 1, $"exit {process.ExitCode}: {printed}");
        Assert.Matches($@"Run \S+ stopped after iteration \d+ of 60; continue it with: Start-SoakRun -Resume -ArtifactPath '{Regex.Escape(root)}'", printed);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "run.json")))!;
        Assert.Equal("stopped", (string)manifest["status"]!);
        Assert.False(File.Exists(Path.Combine(root, "soak.lock")));
        var completed = Directory.GetFiles(Path.Combine(root, "latest"), "ITER_SUMMARY_*.json").Length;
        Assert.InRange(completed, 1, 59);

        var resumed = RunWithModule($"$null = Start-SoakRun -Resume -IntervalSeconds 0 -ArtifactPath {Pwsh.Quote(root)}");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "run.json")))!;
        Assert.Equal("completed", (string)manifest["status"]!);
        Assert.Equal(60, Directory.GetFiles(Path.Combine(root, "latest"), "ITER_SUMMARY_*.json").Length);
    }

    /// <summary>A scheduler's SIGTERM or a lost terminal's SIGHUP: the engine holds the signal until the run is closed, and the script goes no further.</summary>
    [Theory]
    [InlineData(15)]
    [InlineData(1)]
    public async Task A_termination_signal_to_pwsh_stops_the_run_like_Ctrl_C(int signal)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // kill(2) does not exist there; the engine maps console close and shutdown to the same handler.
        }
        var root = Root("terminated");
        var script = $"{Pwsh.ImportModule}\nStart-SoakRun -Mock -Iterations 100000 -AutoTune -IntervalSeconds 0.05 -ArtifactPath {Pwsh.Quote(root)} | " +
            "ForEach-Object { [Console]::Out.WriteLine('iteration ' + $_.Iteration) }\n[Console]::Out.WriteLine('script went on')";
        using var process = Process.Start(Pwsh.StartInfo(Folder, Pwsh.CommandLine(script)))!;
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

        var next = RunWithModule($"$null = Start-SoakRun -Mock -Iterations 1 -ArtifactPath {Pwsh.Quote(root)} -WarningVariable w\nif ($w) {{ 'warned: ' + $w }}");
        Assert.True(next.ExitCode == 0, next.Stderr);
        Assert.DoesNotContain("warned", next.Stdout);
    }

    private const int SigInt = 2;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
