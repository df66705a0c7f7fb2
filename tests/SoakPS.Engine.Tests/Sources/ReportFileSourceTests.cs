using System.Diagnostics;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Sources;

namespace SoakPS.Engine.Tests.Sources;

/// <summary>The report-file source with a real long-running bot process beside the run (tests/bots/SoakPS.TestBot background).</summary>
public sealed class ReportFileSourceTests : IDisposable
{
    private readonly RunHarness _h = new();
    private readonly string _work = Path.Combine(Path.GetTempPath(), "soakps-report-bots", Guid.NewGuid().ToString("N"));
    private Process? _bot;

    public ReportFileSourceTests() => Directory.CreateDirectory(_work);

    public void Dispose()
    {
        if (_bot is not null)
        {
            try { _bot.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            _bot.WaitForExit();
            _bot.Dispose();
        }
        _h.Dispose();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    private string ReportFile => Path.Combine(_work, "edge_report.json");

    private string StopFile => Path.Combine(_work, "stop");

    /// <summary>Starts the bot and waits for its first report, so the run starts beside a bot that is already writing.</summary>
    private void StartBackgroundBot()
    {
        _bot = TestBot.Start("background", ReportFile, "300", StopFile, Path.Combine(_work, "echo.jsonl"), _h.Layout.RuntimeOverrides);
        var watch = Stopwatch.StartNew();
        while (!File.Exists(ReportFile))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "the background bot wrote no report");
            Thread.Sleep(20);
        }
    }

    private IterationContext Context() => new("20261201T000000Z-abcdef", 1, 1, ParameterCatalog.Default.Defaults(), _h.Layout.RuntimeOverrides,
        Path.Combine(_h.Root, "EDGE_REPORT_1.json"), Path.Combine(_h.Root, "logs"), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

    [Fact]
    public void A_background_bot_writing_every_window_completes_three_iterations()
    {
        StartBackgroundBot();
        using var source = new ReportFileSource(ReportFile, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();
        _h.Run(_h.Options(source, 3));

        var summaries = _h.Summaries();
        Assert.Equal(3, summaries.Count);
        Assert.All(summaries, s => Assert.Equal(IterationSummary.CompletedStatus, s.Status));
        Assert.All(summaries, s => Assert.Equal(Records.Verdict.FAIL, s.Kpi.Verdict));
        Assert.Equal(RunStatus.Completed, _h.Manifest().Status);
        Assert.Equal(ReportFileSource.SourceName, _h.Manifest().Source);
        // Each iteration waited for a write of its own: three writes 300 ms apart, never one report twice.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(550), $"three iterations took only {watch.Elapsed}");
    }

    [Fact]
    public void A_bot_that_stops_writing_gives_failed_iterations_and_then_the_stop()
    {
        StartBackgroundBot();
        using var source = new ReportFileSource(ReportFile, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(0.5));
        var run = Task.Run(() => _h.Run(_h.Options(source, 20)));
        var first = _h.Layout.LatestRun.IterationSummary(1);
        while (!File.Exists(first) && !run.IsCompleted)
        {
            Thread.Sleep(20);
        }
        File.WriteAllText(StopFile, "stop writing");
        var error = Assert.ThrowsAsync<SoakException>(() => run).GetAwaiter().GetResult();

        Assert.Equal("SourceFailedRepeatedly", error.ErrorId);
        var statuses = _h.Summaries().Select(s => s.Status).ToList();
        var completed = statuses.TakeWhile(s => s == IterationSummary.CompletedStatus).Count();
        // The bot stops once it sees the stop file; how many more reports it wrote before depends on the machine's load.
        Assert.True(completed >= 1, string.Join("\n", _h.Summaries().Select(s => $"{s.Status}: {string.Join("; ", s.Kpi.Reasons)}")));
        Assert.Equal(Enumerable.Repeat(IterationSummary.FailedStatus, 3), statuses.Skip(completed));
        Assert.All(_h.Summaries().Skip(completed), s => Assert.Contains("older than the iteration start", string.Join("; ", s.Kpi.Reasons)));
        Assert.Equal(RunStatus.Failed, _h.Manifest().Status);
    }

    [SkippableFact]
    public async Task A_named_pipe_at_the_report_path_fails_the_iteration_at_once_instead_of_blocking()
    {
        Skip.If(OperatingSystem.IsWindows(), "Named pipes in the file system (mkfifo) are POSIX.");
        using var source = new ReportFileSource(ReportFile, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        var obtaining = source.ObtainAsync(Context(), CancellationToken.None);
        Thread.Sleep(50);
        Fifo.Make(ReportFile);

        var result = await obtaining.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(result.Failed);
        Assert.Contains($"the report '{ReportFile}' cannot be used", result.FailureReason);
        Assert.Contains("not a regular file", result.FailureReason);
    }

    [Fact]
    public async Task A_report_over_the_size_limit_fails_the_iteration_without_being_read_whole()
    {
        using var source = new ReportFileSource(ReportFile, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        var obtaining = source.ObtainAsync(Context(), CancellationToken.None);
        Thread.Sleep(50);
        using (var file = File.Create(ReportFile))
        {
            file.SetLength(17L * 1024 * 1024);
        }

        var result = await obtaining.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(result.Failed);
        Assert.Contains("holds more than 16 MB; refusing to read it", result.FailureReason);
    }

    [Fact]
    public async Task No_report_at_all_fails_the_iteration_after_the_window_and_grace()
    {
        using var source = new ReportFileSource(ReportFile, TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(0.2));
        var watch = Stopwatch.StartNew();
        var result = await source.ObtainAsync(Context(), CancellationToken.None);

        Assert.True(result.Failed);
        Assert.Contains($"no report at '{ReportFile}' within 0.5 s (window plus grace)", result.FailureReason);
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.45, 10);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_report_written_during_the_iteration_is_taken_with_or_without_notifications(bool watch)
    {
        File.WriteAllText(ReportFile, ReportTexts.Stable);
        File.SetLastWriteTimeUtc(ReportFile, DateTime.UtcNow.AddMinutes(-5));
        using var source = new ReportFileSource(ReportFile, TimeSpan.FromSeconds(20), TimeSpan.Zero, watch);
        Assert.Equal(watch, source.Watching);
        var clock = Stopwatch.StartNew();
        var iteration = source.ObtainAsync(Context(), CancellationToken.None);
        await Task.Delay(300);
        Assert.False(iteration.IsCompleted, "a report from before the iteration must not be taken");

        File.WriteAllText(ReportFile + ".tmp", ReportTexts.RiskHigh);
        File.Move(ReportFile + ".tmp", ReportFile, overwrite: true);
        var result = await iteration;

        Assert.Equal(ReportTexts.RiskHigh, result.ReportText);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.3, 5);
    }

    [Fact]
    public async Task Stop_ends_the_wait_at_once()
    {
        using var source = new ReportFileSource(ReportFile, TimeSpan.FromMinutes(10), TimeSpan.Zero);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.ObtainAsync(Context(), stop.Token));
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.1, 5);
    }

    [Fact]
    public void Bad_settings_are_refused_with_a_clear_error()
    {
        Assert.Equal("ReportFolderNotFound", Assert.Throws<SoakException>(() =>
            new ReportFileSource(Path.Combine(_work, "missing", "r.json"), TimeSpan.FromSeconds(1), TimeSpan.Zero)).ErrorId);
        Assert.Equal("ReportPathIsDirectory", Assert.Throws<SoakException>(() =>
            new ReportFileSource(_work, TimeSpan.FromSeconds(1), TimeSpan.Zero)).ErrorId);
        Assert.Equal("InvalidReportWindow", Assert.Throws<SoakException>(() =>
            new ReportFileSource(ReportFile, TimeSpan.Zero, TimeSpan.Zero)).ErrorId);
    }

    [Fact]
    public void Its_settings_recreate_the_same_source_for_resume()
    {
        using var source = new ReportFileSource(ReportFile, TimeSpan.FromSeconds(900), TimeSpan.FromSeconds(45));
        using var again = (ReportFileSource)SourceRegistry.Create(ReportFileSource.SourceName, source.Settings);

        Assert.Equal(ReportFile, again.ReportPath);
        Assert.Equal(TimeSpan.FromSeconds(900), again.Window);
        Assert.Equal(TimeSpan.FromSeconds(45), again.Grace);
        Assert.Equal(SourceClock.Wall, again.Clock);
    }
}
