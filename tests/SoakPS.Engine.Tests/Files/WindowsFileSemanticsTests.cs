using System.Text.RegularExpressions;
using SoakPS.Engine.Files;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Tests.Artifacts.FileSystem;

/// <summary>
/// What only real Windows can show (the windows-latest CI job): a rename over a file that a bot holds open without
/// FILE_SHARE_DELETE is refused by the OS, and the run still lands every apply. Elsewhere the test reports itself
/// skipped: Linux and macOS never refuse such a rename, so passing there would prove nothing.
/// </summary>
[Trait(WindowsLane.Trait, WindowsLane.Windows)]
public sealed class WindowsFileSemanticsTests : IDisposable
{
    private readonly TempFolder _temp = new("soakps-windows-");

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void A_200_iteration_run_lands_every_apply_while_a_bot_keeps_reading_the_live_file()
    {
        Skip.IfNot(OperatingSystem.IsWindows(), "Only Windows refuses to rename over a file another process has open; this runs on the windows-latest job.");
        var layout = new ArtifactLayout(_temp["root"]);
        new OverridesFile(layout).Write(ParameterCatalog.Default.Defaults());
        var stop = _temp["stop"];
        using var bot = ChildSoak.StartOverridesReader(layout.RuntimeOverrides, stop);
        Assert.Equal("ready", bot.StandardOutput.ReadLine());

        using (var run = ChildSoak.Start(layout.Root, 200, 0))
        {
            var stderr = run.StandardError.ReadToEndAsync();
            var stdout = run.StandardOutput.ReadToEnd();
            Assert.True(run.WaitForExit(TimeSpan.FromMinutes(5)), "the run did not finish");
            Assert.True(run.ExitCode == 0, $"run exited {run.ExitCode}: {stderr.Result}");
            Assert.DoesNotContain("changed outside the run", stdout);
            Assert.DoesNotContain("in use", stdout);
        }
        File.WriteAllText(stop, "");
        var tally = bot.StandardOutput.ReadToEnd();
        Assert.True(bot.WaitForExit(TimeSpan.FromSeconds(30)));

        var counts = Regex.Match(tally, @"reads (\d+) partial (\d+) missing (\d+) distinct (\d+)");
        Assert.True(counts.Success, tally);
        Assert.True(int.Parse(counts.Groups[1].Value) > 100, $"the bot hardly read: {tally}");
        Assert.Equal("0", counts.Groups[2].Value);
        Assert.Equal("0", counts.Groups[3].Value);
        Assert.True(int.Parse(counts.Groups[4].Value) > 2, $"the bot never saw the applies: {tally}");

        var decisions = new JournalFile(layout.LatestRun.Journal).Read().Where(e => e.Type == JournalEntry.Decision).ToList();
        Assert.Equal(Enumerable.Range(1, 200), decisions.Select(d => d.Iteration!.Value));
        Assert.True(decisions.Count(d => d.Applied == true) >= 5, "the run applied too little to exercise the replace");
        var live = new OverridesFile(layout).Read(ParameterCatalog.Default).Values!;
        Assert.Equal(decisions[^1].Overrides, RunSession.Sorted(live));
    }
}
