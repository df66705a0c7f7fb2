using System.Diagnostics;
using System.Text.Json.Nodes;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Sources;
using SoakPS.Engine.Sources.Processes;

namespace SoakPS.Engine.Tests.Sources;

/// <summary>The command source with real bot processes (tests/bots/SoakPS.TestBot), one per iteration.</summary>
[Trait(WindowsLane.Trait, WindowsLane.Windows)]
public sealed class CommandSourceTests : IDisposable
{
    private readonly RunHarness _h = new();
    private readonly string _work = Path.Combine(Path.GetTempPath(), "soakps-bots", Guid.NewGuid().ToString("N"));

    public CommandSourceTests() => Directory.CreateDirectory(_work);

    public void Dispose()
    {
        _h.Dispose();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    private string EchoFile => Path.Combine(_work, "echo.jsonl");
    private string PidFile => Path.Combine(_work, "pids");

    /// <summary>A command source running the test bot in one of its modes.</summary>
    private static CommandSource BotSource(string workingDirectory, TimeSpan? timeout = null, params string[] modeAndArguments) =>
        new(TestBot.Program.FileName, TestBot.Program.Arguments(modeAndArguments), workingDirectory, timeout ?? TimeSpan.FromSeconds(60));

    private List<JsonNode> Echoes() => File.ReadAllLines(EchoFile).Select(l => JsonNode.Parse(l)!).ToList();

    private List<RunEvent> Run(CommandSource source, int iterations, int maxFailed = 3) =>
        _h.Run(_h.Options(source, iterations) with { MaxFailedIterations = maxFailed });

    private IterationContext Context(int iteration = 1) => new("20261201T000000Z-abcdef", iteration, 3, ParameterCatalog.Default.Defaults(),
        _h.Layout.RuntimeOverrides, Path.Combine(_h.Root, "latest", "reports", $"EDGE_REPORT_{iteration}.json"), Path.Combine(_h.Root, "latest", "logs"),
        DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

    [Fact]
    public void The_overrides_a_bot_receives_are_what_the_previous_iteration_applied()
    {
        using var source = BotSource(_work, null, "echo", EchoFile);
        Run(source, 4);

        var echoes = Echoes();
        var summaries = _h.Summaries();
        Assert.Equal(4, echoes.Count);
        Assert.All(summaries, s => Assert.Equal(IterationSummary.CompletedStatus, s.Status));
        Assert.True(summaries.Take(3).Any(s => s.Tuning.Applied), "the bot's reports should make the tuner apply changes");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ParameterCatalog.Default.Defaults().ToCanonicalJson()), echoes[0]["overrides"]));
        for (var n = 2; n <= 4; n++)
        {
            var applied = JsonNode.Parse(new ParameterSet(summaries[n - 2].Tuning.Overrides).ToCanonicalJson());
            Assert.True(JsonNode.DeepEquals(applied, echoes[n - 1]["overrides"]), $"iteration {n} received {echoes[n - 1]["overrides"]}, iteration {n - 1} applied {applied}");
        }
        var manifest = _h.Manifest();
        Assert.Equal(RunStatus.Completed, manifest.Status);
        Assert.Equal(CommandSource.SourceName, manifest.Source);
        for (var n = 1; n <= 4; n++)
        {
            Assert.Equal(n.ToString(), (string)echoes[n - 1]["iteration"]!);
            Assert.Equal(manifest.RunId, (string)echoes[n - 1]["run_id"]!);
            Assert.Equal(_h.Layout.LatestRun.EdgeReport(n), (string)echoes[n - 1]["report_path"]!);
            Assert.Equal(_h.Layout.RuntimeOverrides, (string)echoes[n - 1]["overrides_path"]!);
            Assert.Equal($"bot: iteration {n} done", File.ReadAllText(Path.Combine(_h.Layout.LatestRun.Logs, $"iteration_{n}.out")).Trim());
        }
    }

    [Fact]
    public void An_argument_with_spaces_quotes_semicolons_and_substitutions_arrives_unchanged_as_one_argument()
    {
        var tricky = new[] { "a b \"c\" 'd'; rm -rf ./x $(echo pwned) `id` %PATH% & | > <", "", "\\\"\\", "tail\\" };
        using var source = BotSource(_work, null, new[] { "echo", EchoFile }.Concat(tricky).ToArray());
        Run(source, 1);

        var received = Echoes().Single()["arguments"]!.AsArray().Select(a => (string)a!).ToArray();
        Assert.Equal(tricky, received);
        Assert.False(File.Exists(Path.Combine(_work, "pwned")));
    }

    [Theory]
    [InlineData("exit", "the bot exited with code 3")]
    [InlineData("nothing", "without writing its report")]
    [InlineData("stale", "older than the iteration start")]
    [InlineData("huge", "holds more than 16 MB; refusing to read it")]
    public void A_bad_bot_fails_the_iteration_with_the_reason_and_nothing_is_tuned(string mode, string reason)
    {
        using var source = BotSource(_work, null, mode, "3");
        Run(source, 2);

        var summaries = _h.Summaries();
        Assert.Equal(2, summaries.Count);
        Assert.All(summaries, s =>
        {
            Assert.Equal(IterationSummary.FailedStatus, s.Status);
            Assert.Equal(Records.Verdict.INVALID, s.Kpi.Verdict);
            Assert.Contains(reason, string.Join("; ", s.Kpi.Reasons));
            Assert.False(s.Tuning.Applied);
            Assert.Equal("source_failed", s.Tuning.SkipReason);
        });
        Assert.Equal(ParameterCatalog.Default.Defaults(), _h.LiveOverrides());
        Assert.Equal(RunStatus.Completed, _h.Manifest().Status);
    }

    [SkippableFact]
    public void A_named_pipe_left_as_the_report_fails_the_iteration_instead_of_hanging_the_run()
    {
        Skip.If(OperatingSystem.IsWindows(), "Named pipes in the file system (mkfifo) are POSIX.");
        using var source = BotSource(_work, null, "pipe");
        Fifo.Within(TimeSpan.FromSeconds(60), () => Run(source, 2));

        Assert.All(_h.Summaries(), s =>
        {
            Assert.Equal(IterationSummary.FailedStatus, s.Status);
            Assert.Contains("not a regular file", string.Join("; ", s.Kpi.Reasons));
        });
        Assert.Equal(2, _h.Summaries().Count);
    }

    [Fact]
    public void A_garbage_report_is_an_invalid_iteration_and_the_run_goes_on()
    {
        using var source = BotSource(_work, null, "garbage");
        Run(source, 4);

        var summaries = _h.Summaries();
        Assert.Equal(4, summaries.Count);
        Assert.All(summaries, s =>
        {
            Assert.Equal(IterationSummary.CompletedStatus, s.Status);
            Assert.Equal(Records.Verdict.INVALID, s.Kpi.Verdict);
            Assert.Equal("invalid_report", s.Tuning.SkipReason);
        });
        Assert.Equal("this is not an edge report {{{", File.ReadAllText(_h.Layout.LatestRun.EdgeReport(4)));
        Assert.Equal(RunStatus.Completed, _h.Manifest().Status);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void Failed_iterations_in_a_row_up_to_the_limit_stop_the_run_as_failed(int limit)
    {
        using var source = BotSource(_work, null, "exit", "3");
        var error = Assert.Throws<SoakException>(() => Run(source, 10, limit));

        Assert.Equal("SourceFailedRepeatedly", error.ErrorId);
        Assert.Contains("exited with code 3", error.Message);
        Assert.Equal(limit, _h.Summaries().Count);
        Assert.Equal(RunStatus.Failed, _h.Manifest().Status);
        Assert.Equal(limit, _h.Manifest().MaxFailedIterations);
        Assert.False(File.Exists(_h.Layout.LockFile));
    }

    [Theory]
    [InlineData("hang")]
    [InlineData("orphan")]
    public async Task A_timeout_fails_the_iteration_and_leaves_no_process_of_the_tree(string mode)
    {
        if (mode == "orphan" && OperatingSystem.IsMacOS())
        {
            return; // macOS has neither job objects nor a readable environment of other processes: only the live parent chain is killed.
        }
        // Long enough for a loaded machine to start three processes before the timeout ends them.
        using var source = BotSource(_work, TimeSpan.FromSeconds(8), mode, PidFile);
        var watch = Stopwatch.StartNew();
        var result = await source.ObtainAsync(Context(), CancellationToken.None);

        Assert.True(result.Failed);
        Assert.Contains("did not finish within 8 s; its process tree was killed", result.FailureReason);
        var pids = ProcessProbe.ReadPids(PidFile, TimeSpan.Zero);
        Assert.Equal(mode == "orphan" ? 3 : 2, pids.Distinct().Count());
        Assert.Empty(ProcessProbe.StillRunning(pids, TimeSpan.FromSeconds(2)));
        Assert.InRange(watch.Elapsed.TotalSeconds, 7.9, 30);
        Assert.Contains("bot: hanging", File.ReadAllText(Path.Combine(_h.Layout.LatestRun.Logs, "iteration_1.out")));
    }

    [Fact]
    public async Task Stop_during_an_iteration_kills_the_bot_and_its_child()
    {
        using var source = BotSource(_work, null, "hang", PidFile);
        using var stop = new CancellationTokenSource();
        var iteration = source.ObtainAsync(Context(), stop.Token);
        var pids = ProcessProbe.ReadPids(PidFile, TimeSpan.FromSeconds(30));
        Assert.All(pids, pid => Assert.True(ProcessProbe.IsRunning(pid)));

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => iteration);
        Assert.Empty(ProcessProbe.StillRunning(pids, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Fifty_megabytes_of_output_leave_a_bounded_log_that_keeps_the_head_and_the_end()
    {
        using var source = BotSource(_work, null, "flood", "50");
        Run(source, 1);

        var summary = Assert.Single(_h.Summaries());
        Assert.Equal(IterationSummary.CompletedStatus, summary.Status);
        var log = Path.Combine(_h.Layout.LatestRun.Logs, "iteration_1.out");
        Assert.InRange(new FileInfo(log).Length, BoundedLog.MaxBytes, BoundedLog.MaxBytes + 200);
        var text = File.ReadAllText(log);
        Assert.StartsWith(new string('x', 1023) + "\n", text);
        Assert.EndsWith("END OF FLOOD\n", text);
        Assert.Contains($"bytes of output left out here; this log keeps the first {BoundedLog.MaxBytes / 2} and the last {BoundedLog.MaxBytes / 2} bytes of {50L * 1024 * 1024 + 13}]", text);
    }

    [Fact]
    public void Stderr_goes_to_its_own_log()
    {
        using var source = BotSource(_work, null, "exit", "4");
        Run(source, 1);

        Assert.Equal("bot: giving up", File.ReadAllText(Path.Combine(_h.Layout.LatestRun.Logs, "iteration_1.err")).Trim());
        Assert.Equal(string.Empty, File.ReadAllText(Path.Combine(_h.Layout.LatestRun.Logs, "iteration_1.out")));
    }

    [Fact]
    public void A_command_that_does_not_exist_is_refused_before_any_run()
    {
        var missing = Assert.Throws<SoakException>(() => new CommandSource(Path.Combine(_work, "no-such-bot"), Array.Empty<string>(), _work, TimeSpan.FromSeconds(1)));
        Assert.Equal("BotCommandNotFound", missing.ErrorId);
        var notOnPath = Assert.Throws<SoakException>(() => new CommandSource("no-such-bot-on-path-" + Guid.NewGuid().ToString("N"), Array.Empty<string>(), _work, TimeSpan.FromSeconds(1)));
        Assert.Equal("BotCommandNotFound", notOnPath.ErrorId);
        var folder = Assert.Throws<SoakException>(() => new CommandSource(TestBot.Program.FileName, Array.Empty<string>(), Path.Combine(_work, "missing"), TimeSpan.FromSeconds(1)));
        Assert.Equal("WorkingDirectoryNotFound", folder.ErrorId);
        var timeout = Assert.Throws<SoakException>(() => new CommandSource(TestBot.Program.FileName, Array.Empty<string>(), _work, TimeSpan.Zero));
        Assert.Equal("InvalidIterationTimeout", timeout.ErrorId);
    }

    [Fact]
    public void Its_settings_recreate_the_same_source_for_resume()
    {
        using var source = BotSource(_work, TimeSpan.FromSeconds(12.5), "echo", "with \"quotes\", [brackets] and ünïcode");
        using var again = (CommandSource)SourceRegistry.Create(CommandSource.SourceName, source.Settings);

        Assert.Equal(source.Command, again.Command);
        Assert.Equal(source.Arguments, again.Arguments);
        Assert.Equal(source.WorkingDirectory, again.WorkingDirectory);
        Assert.Equal(TimeSpan.FromSeconds(12.5), again.Timeout);
        Assert.Equal(SourceClock.Wall, again.Clock);
        Assert.Equal(TimeSpan.FromSeconds(300), again.DefaultInterval);
    }
}
