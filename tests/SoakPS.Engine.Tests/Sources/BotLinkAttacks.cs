using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Tests.Sources;

namespace SoakPS.Engine.Tests.Attacks;

/// <summary>
/// Attack class "a bot that reaches outside the root": real bot processes (sh scripts) delete the run's folders, swap
/// them for links, plant links where the run writes and leave links as their report. The run notices a root, latest/,
/// journal or lock that vanished or changed (ArtifactRootChanged, nothing written there again), never writes through
/// a link, never pulls a linked file's content in, and no file outside the root changes.
/// </summary>
[Trait("Category", "Attack")]
public sealed class BotLinkAttacks : IDisposable
{
    private const string Secret = "root:x:0:0:secret outside the artifact root";
    private readonly ShellBot _bot = new("soakps-bot-links-");
    private readonly string _outside;

    public BotLinkAttacks()
    {
        _outside = _bot.Work["outside"];
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_outside, "secret"), Secret);
    }

    private RunHarness Harness => _bot.Harness;

    public void Dispose() => _bot.Dispose();

    /// <summary>A bot that writes a good report, then in iteration <paramref name="at"/> runs <paramref name="attack"/> ($R: root, $O: outside).</summary>
    private List<RunEvent> RunBot(string attack, int at, int iterations = 3) =>
        _bot.Run("echo out; R=\"$2\"; O=\"$3\"; if [ \"$SOAK_ITERATION\" = \"$4\" ]; then " + attack + "; fi", iterations, Harness.Root, _outside, at.ToString());

    private string OutsideTree() => string.Join("\n", Directory.EnumerateFileSystemEntries(_outside, "*", SearchOption.AllDirectories).Order()
        .Select(p => Path.GetRelativePath(_outside, p) + (File.Exists(p) ? " " + File.ReadAllText(p) : "")));

    [SkippableFact]
    public void A_bot_that_deletes_latest_fails_the_run_and_latest_is_not_made_again()
    {
        var e = Assert.Throws<SoakException>(() => RunBot("rm -rf \"$R/latest\"", at: 2));
        Assert.Equal("ArtifactRootChanged", e.ErrorId);
        Assert.False(Directory.Exists(Harness.Layout.Latest));
    }

    [SkippableFact]
    public void A_bot_that_deletes_the_root_fails_the_run_and_the_root_is_not_made_again()
    {
        var e = Assert.Throws<SoakException>(() => RunBot("rm -rf \"$R\"", at: 2));
        Assert.Equal("ArtifactRootChanged", e.ErrorId);
        Assert.False(Directory.Exists(Harness.Root));
    }

    [SkippableFact]
    public void A_bot_that_deletes_the_run_lock_fails_the_run()
    {
        Assert.Equal("ArtifactRootChanged", Assert.Throws<SoakException>(() => RunBot("rm -f \"$R/.soak.lock\"", at: 2)).ErrorId);
    }

    [SkippableFact]
    public void A_bot_that_deletes_the_journal_fails_the_run()
    {
        Assert.Equal("ArtifactRootChanged", Assert.Throws<SoakException>(() => RunBot("rm -f \"$R/latest/journal.jsonl\"", at: 2)).ErrorId);
        Assert.False(File.Exists(Harness.Layout.LatestRun.Journal));
    }

    [SkippableFact]
    public void A_bot_that_swaps_latest_for_a_link_outside_gets_nothing_written_there()
    {
        var before = OutsideTree();
        var e = Assert.Throws<SoakException>(() => RunBot("mv \"$R/latest\" \"$R/moved\" && ln -s \"$O\" \"$R/latest\"", at: 2));
        Assert.Equal("ArtifactRootChanged", e.ErrorId);
        Assert.Equal(before, OutsideTree());
    }

    [SkippableFact]
    public void A_bot_that_links_its_logs_or_reports_folder_outside_gets_nothing_written_there()
    {
        var before = OutsideTree();
        Assert.Equal("ArtifactRootChanged", Assert.Throws<SoakException>(() =>
            RunBot("mv \"$R/latest/reports\" \"$R/latest/r\" && ln -s \"$O\" \"$R/latest/reports\"", at: 1)).ErrorId);
        Assert.Equal(before, OutsideTree());
    }

    [SkippableFact]
    public void A_link_planted_where_the_next_log_goes_is_set_aside_and_its_target_is_not_written()
    {
        RunBot("ln -s \"$O/secret\" \"$R/latest/logs/iteration_2.out\"", at: 1);
        Assert.Equal(Secret, File.ReadAllText(Path.Combine(_outside, "secret")));
        var log = Path.Combine(Harness.Layout.LatestRun.Logs, "iteration_2.out");
        Assert.Null(new FileInfo(log).LinkTarget);
        Assert.Equal("out", File.ReadAllText(log).Trim());
        Assert.Single(Directory.GetFiles(Harness.Layout.LatestRun.Logs, "iteration_2.out.invalid-*"));
        Assert.Equal(RunStatus.Completed, Harness.Manifest().Status);
    }

    [SkippableFact]
    public void A_report_left_as_a_link_to_a_foreign_file_fails_the_iteration_and_is_not_copied_in()
    {
        RunBot("rm -f \"$SOAK_EDGE_REPORT_PATH\"; ln -s \"$O/secret\" \"$SOAK_EDGE_REPORT_PATH\"", at: 1, iterations: 2);
        var first = Harness.Summaries()[0];
        Assert.Equal(IterationSummary.FailedStatus, first.Status);
        Assert.Contains("symbolic link", string.Join("; ", first.Kpi.Reasons));
        Assert.DoesNotContain(Directory.EnumerateFiles(Harness.Root, "*", SearchOption.AllDirectories),
            f => new FileInfo(f).LinkTarget is null && File.ReadAllText(f).Contains("secret outside"));
    }
}
