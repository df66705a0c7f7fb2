using SoakPS.Engine.Files;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Records;
using SoakPS.Engine.Rotation;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Tests.Rotation;

namespace SoakPS.Engine.Tests.Artifacts.FileSystem;

/// <summary>
/// A run and a rotation on Windows while a bot, a dashboard or a scanner has files open: the sharing violations are
/// injected through the file-system seam, the rest is the real engine on real files.
/// </summary>
public class SharingViolationRunTests
{
    [Fact]
    public void Applies_land_quietly_when_the_bot_holds_the_live_file_for_a_moment()
    {
        using var h = new RunHarness();
        var faults = new SharingFaults(p => p == h.Layout.RuntimeOverrides, failures: 4);
        List<RunEvent> events;
        using (ArtifactFileSystem.Use(faults.WindowsFileSystem()))
        {
            events = h.Run(h.Options(new ListSource(new[] { ReportTexts.RiskHigh, ReportTexts.RiskHigh, ReportTexts.Stable }), 3, RunHarness.Profile("steady_safe")));
        }
        Assert.True(faults.Injected >= 8, $"{faults.Injected} faults: the start write and every apply met a held file");
        Assert.Empty(events.OfType<RunWarning>());
        var summaries = h.Summaries();
        Assert.Equal(3, summaries.Count);
        Assert.True(summaries[0].Tuning.Applied);
        Assert.Equal(summaries[^1].Tuning.Overrides, RunSession.Sorted(h.LiveOverrides()));
        Assert.Equal(RunStatus.Completed, h.Manifest().Status);
    }

    [Fact]
    public void An_apply_beyond_the_budget_fails_with_FileInUse_leaves_the_live_file_and_journals_no_apply()
    {
        using var h = new RunHarness();
        var faults = new SharingFaults(p => p == h.Layout.RuntimeOverrides, failures: 1000) { Armed = false };
        var source = new ListSource(new[] { ReportTexts.RiskHigh }) { OnObtain = c => faults.Armed = c.Iteration == 2 };
        var start = RunHarness.Profile("steady_safe");
        SoakException error;
        using (ArtifactFileSystem.Use(faults.WindowsFileSystem()))
        {
            error = Assert.Throws<SoakException>(() => h.Run(h.Options(source, 4, start)));
        }
        Assert.Equal("FileInUse", error.ErrorId);
        Assert.Contains("python.exe (process 4242)", error.Message);

        var afterFirst = h.Summaries().Single();
        Assert.True(afterFirst.Tuning.Applied);
        Assert.Equal(afterFirst.Tuning.Overrides, RunSession.Sorted(h.LiveOverrides()));
        var journal = new JournalFile(h.Layout.LatestRun.Journal).Read().ToList();
        Assert.DoesNotContain(journal, e => e.Type == JournalEntry.Decision && e.Iteration == 2);
        Assert.Equal(afterFirst.Tuning.Overrides, journal.Last(e => e.Overrides is not null).Overrides);
        Assert.Equal(RunStatus.Failed, h.Manifest().Status);
        Assert.Contains(h.Layout.RuntimeOverrides, h.Manifest().Error);

        // Once the bot lets go, -Resume decides iteration 2 afresh and its apply lands.
        h.Run(h.Options(new ListSource(new[] { ReportTexts.RiskHigh }), 4, start) with { Resume = true });
        var summaries = h.Summaries();
        Assert.Equal(new[] { 1, 2, 3, 4 }, summaries.Select(s => s.Iteration));
        Assert.True(summaries[1].Tuning.Applied);
        Assert.Equal(summaries[^1].Tuning.Overrides, RunSession.Sorted(h.LiveOverrides()));
    }

    [Fact]
    public void Rotation_deletes_land_quietly_when_a_scanner_holds_files_for_a_moment()
    {
        using var tree = new RotationTree();
        var old = tree.Run(Path.Combine(tree.Layout.Runs, "run-0"), "run-0", "completed", RotationTree.Now.AddDays(-3), RotationTree.Now.AddDays(-3));
        tree.Summaries(old, "run-0", Enumerable.Range(1, 30));
        var faults = new SharingFaults(p => p.Contains("ITER_SUMMARY_"), failures: 3);
        RotationResult result;
        using (ArtifactFileSystem.Use(faults.WindowsFileSystem()))
        {
            result = tree.Rotate(new RotationOptions { KeepSummaries = 10 });
        }
        Assert.Equal(60, faults.Injected);
        Assert.Equal(20, result.Removed);
        Assert.Equal(0, result.Failed);
        Assert.Equal(Enumerable.Range(21, 10), RotationTree.SummaryNumbers(old));
    }

    [Fact]
    public void A_file_held_beyond_the_budget_fails_only_its_own_rotation_action_naming_the_holder()
    {
        using var tree = new RotationTree();
        var old = tree.Run(Path.Combine(tree.Layout.Runs, "run-0"), "run-0", "completed", RotationTree.Now.AddDays(-3), RotationTree.Now.AddDays(-3));
        tree.Summaries(old, "run-0", Enumerable.Range(1, 30));
        var held = Path.Combine(old, "ITER_SUMMARY_3.json");
        var faults = new SharingFaults(p => p == held, failures: 1000);
        RotationResult result;
        using (ArtifactFileSystem.Use(faults.WindowsFileSystem(holder: "SearchIndexer.exe (process 77)")))
        {
            result = tree.Rotate(new RotationOptions { KeepSummaries = 10 });
        }
        // The folder's old summaries are one action: it records the one file it could not remove and the 19 it did.
        var failed = Assert.Single(result.Actions, a => a.Outcome == RotationOutcome.Failed);
        Assert.Equal((old, 1, 19), (failed.Path, failed.FilesFailed, failed.FilesTaken));
        Assert.StartsWith(held + ": ", Assert.Single(failed.FileErrors));
        Assert.Contains("SearchIndexer.exe (process 77)", failed.Error);
        Assert.Equal(1, result.Failed);
        Assert.Equal(19, result.Removed);
        Assert.True(File.Exists(held));
    }
}
