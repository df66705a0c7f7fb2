using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Tests.Attacks;

/// <summary>
/// Attack class "a full disk at start is reported as a stale-lock problem": on a real file system with no space left, a
/// run says the disk is full (ArtifactDiskFull) before and during the run, loses nothing, and goes on once there is space.
/// </summary>
[Trait("Category", "Attack")]
public sealed class DiskFullAttacks
{
    private static readonly string Report = ReportTexts.Make(net: 2.8, risk: 0.45, cancel: 0.6);

    [SkippableFact]
    public void A_run_that_cannot_start_on_a_full_disk_says_the_disk_is_full_and_loses_nothing()
    {
        using var volume = SmallVolume.Mount();
        var h = new RunHarness(Path.Combine(volume.Path, "soak"));
        h.Run(h.Options(new ListSource(new[] { Report }), 3));
        var live = File.ReadAllBytes(h.Layout.RuntimeOverrides);
        var summaries = h.Summaries();

        volume.Fill();
        var error = Assert.Throws<SoakException>(() => h.Run(h.Options(new ListSource(new[] { Report }), 3)));

        Assert.Equal("ArtifactDiskFull", error.ErrorId);
        Assert.Equal(SoakErrorKind.WriteError, error.Kind);
        Assert.StartsWith($"The run did not start: the disk holding the artifact root '{h.Root}' is full (", error.Message);
        Assert.Empty(Directory.EnumerateFiles(h.Root, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(live, File.ReadAllBytes(h.Layout.RuntimeOverrides));
        Assert.Equal(summaries.Count, Directory.GetFiles(h.Root, "ITER_SUMMARY_*.json", SearchOption.AllDirectories).Length);

        volume.Free();
        var events = h.Run(h.Options(new ListSource(new[] { Report }), 3));
        Assert.DoesNotContain(events.OfType<RunWarning>(), w => w.Message.Contains("lock", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(RunStatus.Completed, h.Manifest().Status);
        Assert.Equal(3, h.Summaries().Count);
    }

    [SkippableFact]
    public void A_disk_that_fills_during_a_run_fails_it_as_a_full_disk_and_resume_completes_it()
    {
        using var volume = SmallVolume.Mount();
        var h = new RunHarness(Path.Combine(volume.Path, "soak"));
        var source = new ListSource(new[] { Report }) { OnObtain = context => { if (context.Iteration == 4) volume.Fill(); } };

        var error = Assert.Throws<SoakException>(() => h.Run(h.Options(source, 6)));

        Assert.Equal("ArtifactDiskFull", error.ErrorId);
        Assert.Contains("stopped in iteration 4: the disk holding the artifact root", error.Message);
        Assert.Empty(Directory.EnumerateFiles(h.Root, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(3, h.Summaries().Count);
        volume.Free();
        h.Run(h.Options(new ListSource(new[] { Report }), 6) with { Resume = true });
        Assert.Equal(RunStatus.Completed, h.Manifest().Status);
        Assert.Equal(Enumerable.Range(1, 6), h.Summaries().Select(s => s.Iteration));
    }
}
