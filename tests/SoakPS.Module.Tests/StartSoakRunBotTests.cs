using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SoakPS.Module.Tests;

/// <summary>Start-SoakRun -Command and -ReportPath in the hosted engine, with real bot processes (tests/bots/SoakPS.TestBot).</summary>
public sealed class StartSoakRunBotTests : IDisposable
{
    private readonly PowerShellSession _session = new();
    private readonly string _work = Path.Combine(Path.GetTempPath(), "soakps-module-bots", Guid.NewGuid().ToString("N"));
    private Process? _background;

    public StartSoakRunBotTests() => Directory.CreateDirectory(_work);

    public void Dispose()
    {
        if (_background is not null)
        {
            try { _background.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            _background.WaitForExit();
            _background.Dispose();
        }
        _session.Dispose();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    private string Root => _session.ArtifactRoot;
    private string EchoFile => Path.Combine(_work, "echo.jsonl");

    private ScriptResult RunBot(string parameters, params string[] botArguments) => _session.Run(
        $"Start-SoakRun -Command $dotnet -ArgumentList $botArguments {parameters} -ArtifactPath '{Root}'",
        new Dictionary<string, object?> { ["dotnet"] = TestBot.Program.FileName, ["botArguments"] = TestBot.Program.Arguments(botArguments) });

    private JsonNode Manifest() => JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "latest", "run.json")))!;

    [Fact]
    public void Command_runs_the_bot_once_per_iteration_and_streams_its_iterations()
    {
        var result = RunBot("-Iterations 3 -AutoTune -IntervalSeconds 0", "echo", EchoFile);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { 1, 2, 3 }, result.Output.Select(o => o.Prop<int>("Iteration")));
        Assert.All(result.Output, o => Assert.Equal("command", o.Prop<string>("Source")));
        Assert.All(result.Output, o => Assert.Equal("completed", o.Prop<string>("Status")));
        Assert.Equal(3, File.ReadAllLines(EchoFile).Length);
        var manifest = Manifest();
        Assert.Equal("command", (string)manifest["source"]!);
        Assert.Equal(TestBot.Program.Prefix[0], JsonNode.Parse((string)manifest["source_options"]!["arguments"]!)![0]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(Root, "latest", "logs", "iteration_3.out")));
    }

    [Fact]
    public void A_relative_working_directory_is_taken_from_the_PowerShell_location()
    {
        Directory.CreateDirectory(Path.Combine(_work, "bot home"));
        // The engine API, not Set-Location: Microsoft.PowerShell.Management does not load in this hosted runspace.
        var moved = _session.Run($"$null = $ExecutionContext.SessionState.Path.SetLocation('{_work}'); $PWD.ProviderPath");
        Assert.True(moved.AllErrors.Count == 0, string.Join("\n", moved.AllErrors.Select(e => e.ToString())));
        Assert.Equal(_work, moved.Output.Single().ToString());
        var result = RunBot("-Iterations 1 -IntervalSeconds 0 -WorkingDirectory 'bot home'", "echo", EchoFile);

        Assert.Null(result.Terminating);
        Assert.True(result.AllErrors.Count == 0, string.Join("\n", result.AllErrors.Select(e => e.ToString())));
        Assert.Equal(Path.Combine(_work, "bot home"), (string)Manifest()["source_options"]!["working_directory"]!);
        Assert.Equal(Path.Combine(_work, "bot home"), (string)JsonNode.Parse(File.ReadAllLines(EchoFile).Single())!["working_directory"]!);
    }

    [Theory]
    [InlineData(null, 3)]
    [InlineData(2, 2)]
    public void Failed_iterations_in_a_row_end_the_run_with_SourceFailedRepeatedly_and_run_json_failed(int? limit, int expected)
    {
        var result = RunBot($"-Iterations 10 -IntervalSeconds 0 {(limit is null ? string.Empty : $"-MaxFailedIterations {limit}")}", "exit", "3");

        var error = result.ErrorWithId("SourceFailedRepeatedly");
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("exited with code 3", error.Exception.Message);
        Assert.Equal(expected, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("failed", o.Prop<string>("Status")));
        Assert.All(result.Output, o => Assert.False(o.Prop<bool>("Applied")));
        Assert.Equal("failed", (string)Manifest()["status"]!);
        Assert.Equal(expected, (int)Manifest()["max_failed_iterations"]!);

        // Each failed iteration says so as it happens and points at the bot's own output, which holds the cause.
        var failures = result.Warnings.Select(w => w.Message).Where(m => m.Contains("failed, nothing tuned")).ToList();
        Assert.Equal(expected, failures.Count);
        for (var n = 1; n <= expected; n++)
        {
            var log = Path.Combine(Root, "latest", "logs", $"iteration_{n}.err");
            Assert.StartsWith($"Iteration {n} failed, nothing tuned: the bot exited with code 3 (its output: {log[..^4]}.err and .out)", failures[n - 1]);
            Assert.True(File.Exists(log), log);
        }
        Assert.Contains($"iteration_{expected}.err", error.Exception.Message);
    }

    [Fact]
    public void A_bot_command_that_does_not_exist_is_refused_before_the_run()
    {
        var result = _session.Run($"Start-SoakRun -Command ./no-such-bot -Iterations 1 -ArtifactPath '{Root}'");

        var error = result.ErrorWithId("BotCommandNotFound");
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.False(Directory.Exists(Path.Combine(Root, "latest")));
    }

    [Fact]
    public void WhatIf_starts_no_bot_and_writes_nothing()
    {
        var result = RunBot("-Iterations 2 -WhatIf", "echo", EchoFile);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        Assert.False(File.Exists(EchoFile));
        Assert.False(Directory.Exists(Path.Combine(Root, "latest")));
    }

    [Fact]
    public void ReportPath_takes_a_new_report_of_a_background_bot_every_iteration()
    {
        var report = Path.Combine(_work, "edge_report.json");
        _background = TestBot.Start("background", report, "300", Path.Combine(_work, "never"), EchoFile, Path.Combine(Root, "runtime_overrides.json"));
        var result = _session.Run($"Start-SoakRun -ReportPath '{report}' -IterationSeconds 5 -GraceSeconds 1 -Iterations 2 -IntervalSeconds 0 -ArtifactPath '{Root}'");

        Assert.Null(result.Terminating);
        Assert.Equal(new[] { 1, 2 }, result.Output.Select(o => o.Prop<int>("Iteration")));
        Assert.All(result.Output, o => Assert.Equal("report", o.Prop<string>("Source")));
        Assert.All(result.Output, o => Assert.Equal("completed", o.Prop<string>("Status")));
        var options = Manifest()["source_options"]!;
        Assert.Equal(report, (string)options["report_path"]!);
        Assert.Equal("5", (string)options["iteration_seconds"]!);
        Assert.Equal("1", (string)options["grace_seconds"]!);
    }

    [Fact]
    public void Real_bot_parameters_belong_to_their_own_parameter_sets()
    {
        var mixed = _session.Run($"Start-SoakRun -Mock -Command dotnet -Iterations 1 -ArtifactPath '{Root}'");
        Assert.Contains(mixed.AllErrors, e => e.FullyQualifiedErrorId.StartsWith("AmbiguousParameterSet", StringComparison.Ordinal));
        var noWindow = _session.Run($"Start-SoakRun -ReportPath x.json -Iterations 1 -GraceSeconds -1 -ArtifactPath '{Root}'");
        Assert.Contains(noWindow.AllErrors, e => e.FullyQualifiedErrorId.StartsWith("ParameterArgumentValidationError", StringComparison.Ordinal));
    }
}
