using System.Diagnostics;

namespace SoakPS.Module.Tests;

/// <summary>SoakPS.Shell started as a real process, stdout/stderr redirected, as CI and scripts use it.</summary>
public class ShellEndToEndTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "soakps-shell-tests", Guid.NewGuid().ToString("N"));

    public ShellEndToEndTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private const string WarningFunction = "function Write-Caution { [CmdletBinding()] param($Message) $PSCmdlet.WriteWarning($Message) }";

    [Fact]
    public void Command_runs_with_the_module_imported()
    {
        var run = Shell("-NoProfile", "-Command", "Get-Module SoakPS | ForEach-Object Name");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("SoakPS", run.Stdout.Trim());
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void Redirected_output_is_rendered_by_format_views_without_escape_sequences()
    {
        var run = Shell("-Command", "Get-Module SoakPS");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ModuleType", run.Stdout);
        Assert.Contains("SoakPS", run.Stdout);
        Assert.DoesNotContain("\u001b", run.Stdout);
    }

    [Fact]
    public void Warnings_go_to_stderr_with_the_pwsh_prefix()
    {
        var run = Shell("-Command", WarningFunction + "; Write-Caution 'disk nearly full'; 'done'");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("done", run.Stdout.Trim());
        Assert.Contains("WARNING: disk nearly full", run.Stderr);
    }

    [Fact]
    public void Verbose_shows_only_when_asked()
    {
        var function = "function Write-Detail { [CmdletBinding()] param($Message) $PSCmdlet.WriteVerbose($Message) }";
        var run = Shell("-Command", function + "; Write-Detail quiet; Write-Detail loud -Verbose");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("VERBOSE: loud", run.Stderr);
        Assert.DoesNotContain("quiet", run.Stderr);
    }

    [Fact]
    public void A_terminating_error_exits_1_and_is_shown_on_stderr()
    {
        var run = Shell("-Command", "throw 'the bot is gone'");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the bot is gone", run.Stderr);
    }

    [Fact]
    public void An_error_made_terminating_by_ErrorAction_Stop_goes_to_stderr_and_stops_the_command()
    {
        var run = Shell("-Command", "Get-Command no-such-command -ErrorAction Stop; 'not reached'");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout.Trim());
        Assert.Contains("Get-Command: The term 'no-such-command' is not recognized", run.Stderr);
    }

    [Theory]
    [InlineData("1 +")]
    [InlineData("1 + }")]
    public void A_command_that_does_not_parse_exits_1_with_the_parser_message(string command)
    {
        var run = Shell("-Command", command);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("You must provide a value expression following the '+' operator.", run.Stderr);
    }

    [Fact]
    public void A_failed_last_command_exits_1_like_pwsh_Command()
    {
        var run = Shell("-Command", "Get-Command no-such-command");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no-such-command", run.Stderr);
    }

    [Fact]
    public void An_error_followed_by_a_successful_command_exits_0_like_pwsh_Command()
    {
        var run = Shell("-Command", "Get-Command no-such-command; 'recovered'");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("recovered", run.Stdout.Trim());
    }

    [Fact]
    public void Exit_N_in_a_command_is_the_exit_code()
    {
        Assert.Equal(3, Shell("-Command", "exit 3").ExitCode);
    }

    [Fact]
    public void File_receives_named_and_positional_arguments_and_its_exit_code_is_returned()
    {
        var script = Path.Combine(_folder, "greet.ps1");
        File.WriteAllText(script, "param([string] $Name, [int] $Code, [string] $Rest)\n\"hello $Name/$Rest\"\nexit $Code\n");
        var run = Shell("-NoProfile", "-File", script, "-Name", "O'Brien", "-Code", "7", "tail");
        Assert.Equal(7, run.ExitCode);
        Assert.Equal("hello O'Brien/tail", run.Stdout.Trim());
    }

    [Fact]
    public void File_that_throws_exits_1()
    {
        var script = Path.Combine(_folder, "fail.ps1");
        File.WriteAllText(script, "throw 'nope'\n");
        var run = Shell("-File", script);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nope", run.Stderr);
    }

    private const string ChangeFunction =
        "function Set-Thing { [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')] param($Name) if ($PSCmdlet.ShouldProcess($Name, 'Change')) { \"changed $Name\" } }";

    [Fact]
    public void WhatIf_text_is_printed_and_nothing_is_done()
    {
        var run = Shell("-Command", ChangeFunction + "; Set-Thing alpha -WhatIf");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("What if: Performing the operation \"Change\" on target \"alpha\".", run.Stdout.Trim());
    }

    [Theory]
    [InlineData("y\n", true)]
    [InlineData("n\n", false)]
    public void Confirmation_is_read_from_stdin(string answer, bool done)
    {
        var run = Shell(new Dictionary<string, string>(), stdin: answer, "-Command", ChangeFunction + "; Set-Thing beta");
        Assert.Contains("beta", run.Stdout);
        Assert.Equal(done, run.Stdout.Contains("changed beta"));
    }

    [Fact]
    public void A_confirmation_without_any_input_is_refused_not_defaulted_to_yes()
    {
        var run = Shell("-Command", ChangeFunction + "; Set-Thing gamma");
        Assert.DoesNotContain("changed gamma", run.Stdout);
        Assert.Contains("No input is available", run.Stderr);
    }

    [Fact]
    public void Command_dash_reads_the_command_from_stdin()
    {
        var run = Shell(new Dictionary<string, string>(), stdin: "1 + 41", "-Command", "-");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("42", run.Stdout.Trim());
    }

    [Fact]
    public void Ctrl_C_stops_the_running_pipeline_so_cleanup_runs_and_exits_130()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // A console control event cannot be sent to a redirected child on Windows; the Linux run covers it.
        }
        // The finally block only runs if the pipeline was stopped (PowerShell.Stop), not if the process was killed.
        var start = StartInfo("-Command", "try { [Console]::Out.WriteLine('started'); while ($true) { } } finally { [Console]::Out.WriteLine('stopped cleanly') }");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        Assert.Equal("started", process.StandardOutput.ReadLine());
        Assert.Equal(0, SendSignal(process.Id, SigInt));
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "the shell did not stop on SIGINT");
        Assert.Equal(130, process.ExitCode);
        Assert.Equal("stopped cleanly", process.StandardOutput.ReadToEnd().Trim());
    }

    [Fact]
    public void The_readme_soak_runs_through_the_shell_and_shows_the_iteration_table()
    {
        var root = Path.Combine(_folder, "soak");
        var run = Shell("-Command", $"Start-SoakRun -Mock -Iterations 12 -AutoTune -ArtifactPath '{root}'");
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Iter\s+Verdict\s+NetBps", run.Stdout);
        // The last iteration never applies: no change, the final-iteration guard blocks the proposal (a count in the table).
        Assert.Matches(new System.Text.RegularExpressions.Regex(@"^\s*12\s+(OK|WARN|FAIL)\s.*\sFalse\s+0\s+[1-9]\d*\s+\d+\s*$", System.Text.RegularExpressions.RegexOptions.Multiline), run.Stdout);
        Assert.Contains("RunId: ", run.Stdout);
        Assert.True(File.Exists(Path.Combine(root, "latest", "ITER_SUMMARY_12.json")));
    }

    [Fact]
    public void Fail_on_kpi_makes_the_shell_exit_non_zero_as_a_ci_step_needs()
    {
        var run = Shell("-Command", $"Start-SoakRun -Mock -Iterations 2 -FailOnKpi -ArtifactPath '{Path.Combine(_folder, "gate")}'");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("KPI verdict FAIL", run.Stderr);
    }

    [Fact]
    public void Ctrl_C_during_a_soak_run_marks_it_stopped_and_resume_finishes_it()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // See Ctrl_C_stops_the_running_pipeline...: the Linux run covers it.
        }
        var root = Path.Combine(_folder, "stopped");
        var start = StartInfo("-Command", $"Start-SoakRun -Mock -Iterations 500 -AutoTune -IntervalSeconds 0.05 -ArtifactPath '{root}' | ForEach-Object {{ [Console]::Out.WriteLine('iteration ' + $_.Iteration) }}");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        Assert.Equal("iteration 1", process.StandardOutput.ReadLine());
        Assert.Equal(0, SendSignal(process.Id, SigInt));
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "the shell did not stop on SIGINT");
        Assert.Equal(130, process.ExitCode);
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "run.json")))!;
        Assert.Equal("stopped", (string)manifest["status"]!);
        Assert.False(File.Exists(Path.Combine(root, "soak.lock")));

        var resumed = Shell("-Command", $"$null = Start-SoakRun -Resume -IntervalSeconds 0 -ArtifactPath '{root}'");
        Assert.Equal(0, resumed.ExitCode);
        manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "run.json")))!;
        Assert.Equal("completed", (string)manifest["status"]!);
        Assert.Equal(500, Directory.GetFiles(Path.Combine(root, "latest"), "ITER_SUMMARY_*.json").Length);
    }

    private const int SigInt = 2;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    [Fact]
    public void Unknown_options_are_a_usage_error()
    {
        var run = Shell("-Bogus");
        Assert.Equal(64, run.ExitCode);
        Assert.Contains("usage", run.Stderr);
    }

    [Fact]
    public void A_module_path_from_the_environment_that_does_not_exist_fails_the_start()
    {
        var run = Shell(new Dictionary<string, string> { ["SOAKPS_MODULE_PATH"] = Path.Combine(_folder, "missing", "SoakPS.psd1") },
            "-Command", "'unreachable'");
        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("unreachable", run.Stdout);
    }

    private sealed record ShellRun(int ExitCode, string Stdout, string Stderr);

    private ShellRun Shell(params string[] arguments) => Shell(new Dictionary<string, string>(), arguments);

    private ShellRun Shell(IDictionary<string, string> environment, params string[] arguments) =>
        Shell(environment, stdin: null, arguments);

    private ShellRun Shell(IDictionary<string, string> environment, string? stdin, params string[] arguments)
    {
        var start = StartInfo(arguments);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("SoakPS.Shell did not finish.");
        }
        return new ShellRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    private ProcessStartInfo StartInfo(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = _folder,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ShellAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Remove("SOAKPS_MODULE_PATH");
        start.Environment.Remove("NO_COLOR");
        return start;
    }

    /// <summary>The shell built in the same configuration as these tests (the project references it so it is built).</summary>
    private static string ShellAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var path = Path.Combine(PowerShellSession.RepoRoot, "src", "SoakPS.Shell", "bin", configuration, "net10.0", "SoakPS.Shell.dll");
            Assert.True(File.Exists(path), $"SoakPS.Shell not built at {path}");
            return path;
        }
    }
}
