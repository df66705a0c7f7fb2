namespace SoakPS.Module.Tests;

public class InvokeSoakStudyTests
{
    [Fact]
    public void A_study_of_eight_seeds_writes_a_row_per_seed_and_arm_whose_sums_are_the_summary_and_leaves_nothing_behind()
    {
        using var session = new PowerShellSession();
        var result = session.Run("Invoke-SoakStudy -Seeds 8 -Iterations 12 -Tuner regime -Verbose");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var rows = result.Output.Where(o => o.TypeName() == "SoakPS.Output.SoakStudyRun").ToList();
        var summaries = result.Output.Where(o => o.TypeName() == "SoakPS.Output.SoakStudySummary").ToList();
        Assert.Equal(8 * 6, rows.Count);
        Assert.Equal(6, summaries.Count);
        Assert.Equal(new[] { "aggressive", "aggressive+regime", "steady_safe", "steady_safe+regime", "ultra_safe", "ultra_safe+regime" },
            summaries.Select(s => s.Prop<string>("Arm")).Order(StringComparer.Ordinal));
        Assert.Equal(rows.Count, result.Output.TakeWhile(o => o.TypeName() == "SoakPS.Output.SoakStudyRun").Count());
        Assert.Equal(Enumerable.Range(1, 8), rows.Select(r => r.Prop<int>("Seed")).Distinct().Order());
        foreach (var s in summaries)
        {
            var arm = rows.Where(r => r.Prop<string>("Arm") == s.Prop<string>("Arm")).ToList();
            Assert.Equal(8, s.Prop<int>("Runs"));
            Assert.Equal(arm.Count, s.Prop<int>("Runs"));
            Assert.Equal(arm.Sum(r => r.Prop<int>("Applies")), s.Prop<int>("Applies"));
            Assert.Equal(arm.Sum(r => r.Prop<int>("GuardEvents")), s.Prop<int>("GuardEvents"));
            Assert.Equal(arm.Sum(r => r.Prop<int>("PanicReverts")), s.Prop<int>("PanicReverts"));
            Assert.Equal(Math.Round(arm.Count(r => r.Prop<string>("RunVerdict") == "OK") / 8.0, 4), s.Prop<double>("OkShare"));
            Assert.Equal(Math.Round(arm.Count(r => r.Prop<string>("RunVerdict") == "FAIL") / 8.0, 4), s.Prop<double>("FailShare"));
            Assert.Equal(1.0, s.Prop<double>("OkShare") + s.Prop<double>("WarnShare") + s.Prop<double>("FailShare"), 3);
            var finals = arm.Select(r => r.Prop<double>("FinalNetBps")).Order().ToList();
            Assert.InRange(s.Prop<double>("MedianFinalNetBps"), finals[3] - 1e-4, finals[4] + 1e-4);
            if (!s.Prop<bool>("AutoTune"))
            {
                Assert.Equal(0, s.Prop<int>("Applies"));
            }
        }
        Assert.Contains(summaries, s => s.Prop<bool>("AutoTune") && s.Prop<int>("Applies") > 0);
        foreach (var s in summaries)
        {
            var arm = rows.Where(r => r.Prop<string>("Arm") == s.Prop<string>("Arm")).ToList();
            Assert.Equal(arm.Count(r => r.Prop<string>("RunVerdict") == "FAIL"), s.Prop<int>("FailRuns"));
            Assert.Equal(arm.Sum(r => r.Prop<int>("ImmediateReversals")), s.Prop<int>("ImmediateReversals"));
            // The rows are rounded to cents, so their mean may differ from the arm's by a cent.
            Assert.InRange(s.Prop<double>("NetUsdPerWindow") - arm.Average(r => r.Prop<double>("NetUsdPerWindow")), -0.011, 0.011);
            Assert.True(s.Prop<double>("VolumeUsdPerWindow") > 0);
            Assert.All(arm, r => Assert.Equal(r.Prop<int>("Iterations"),
                new[] { "Calm", "Volatile", "Spike" }.Sum(g => r.Prop<int>(g + "Ok") + r.Prop<int>(g + "Warn") + r.Prop<int>(g + "Fail"))));
        }
        // Verdict shares by regime: one row per arm and regime, counting the arm's windows of that regime.
        var regimes = result.Output.Where(o => o.TypeName() == "SoakPS.Output.SoakStudyRegime").ToList();
        Assert.Equal(6 * 3, regimes.Count);
        foreach (var r in regimes)
        {
            var arm = rows.Where(x => x.Prop<string>("Arm") == r.Prop<string>("Arm")).ToList();
            var label = char.ToUpperInvariant(r.Prop<string>("Regime")[0]) + r.Prop<string>("Regime")[1..];
            Assert.Equal(arm.Sum(x => x.Prop<int>(label + "Fail")), r.Prop<int>("FailWindows"));
            Assert.Equal(arm.Sum(x => x.Prop<int>(label + "Ok") + x.Prop<int>(label + "Warn") + x.Prop<int>(label + "Fail")), r.Prop<int>("Windows"));
        }
        // Every pair of arms once, paired seed by seed on net USD per window.
        var pairs = result.Output.Where(o => o.TypeName() == "SoakPS.Output.SoakStudyComparison").ToList();
        Assert.Equal(6 * 5 / 2, pairs.Count);
        foreach (var p in pairs)
        {
            var a = rows.Where(r => r.Prop<string>("Arm") == p.Prop<string>("ArmA")).ToDictionary(r => r.Prop<int>("Seed"), r => r.Prop<double>("NetUsdPerWindow"));
            var b = rows.Where(r => r.Prop<string>("Arm") == p.Prop<string>("ArmB")).ToDictionary(r => r.Prop<int>("Seed"), r => r.Prop<double>("NetUsdPerWindow"));
            Assert.Equal(8, p.Prop<int>("Seeds"));
            Assert.InRange(p.Prop<double>("NetUsdPerWindowDifference") - a.Keys.Average(k => a[k] - b[k]), -0.021, 0.021);
            Assert.Equal(a.Keys.Count(k => a[k] > b[k]), p.Prop<int>("ArmAWins"));
        }
        var announced = Assert.Single(result.Verbose, v => v.Message.StartsWith("Study root: ", StringComparison.Ordinal)).Message;
        var root = announced["Study root: ".Length..announced.IndexOf(" (", StringComparison.Ordinal)];
        Assert.True(root.StartsWith(Path.GetTempPath(), StringComparison.Ordinal) || root.StartsWith("/dev/shm/", StringComparison.Ordinal), root);
        Assert.False(Directory.Exists(root), $"{root} was left behind");
    }

    [Theory]
    [InlineData("Runs", "SoakPS.Output.SoakStudyRun", 4)]
    [InlineData("Arms", "SoakPS.Output.SoakStudySummary", 2)]
    [InlineData("Regimes", "SoakPS.Output.SoakStudyRegime", 6)]
    [InlineData("Pairs", "SoakPS.Output.SoakStudyComparison", 1)]
    public void Result_writes_one_kind_so_the_console_shows_one_table(string result, string type, int count)
    {
        using var session = new PowerShellSession();
        var output = session.Run($"Invoke-SoakStudy -Seeds 2 -Iterations 3 -Profile aggressive -Tuner regime -Result {result}");

        Assert.Empty(output.Errors);
        Assert.Equal(count, output.Output.Count);
        Assert.All(output.Output, o => Assert.Equal(type, o.TypeName()));
        var table = session.Run($"Invoke-SoakStudy -Seeds 2 -Iterations 3 -Profile aggressive -Tuner regime -Result {result} | Out-String -Width 80").Output.Single().BaseObject.ToString()!;
        Assert.DoesNotContain(" : ", table);
    }

    [Fact]
    public void Kept_runs_stay_on_disk_in_the_temporary_folder_whole()
    {
        using var session = new PowerShellSession();
        var result = session.Run("Invoke-SoakStudy -Seeds 1 -Iterations 2 -Profile aggressive -KeepArtifacts -Verbose");

        Assert.Empty(result.Errors);
        var announced = Assert.Single(result.Verbose, v => v.Message.StartsWith("Study root: ", StringComparison.Ordinal)).Message;
        var root = announced["Study root: ".Length..announced.IndexOf(" (", StringComparison.Ordinal)];
        try
        {
            Assert.StartsWith(Path.GetTempPath(), root);
            Assert.DoesNotContain("not forced to disk", announced);
            Assert.True(File.Exists(Path.Combine(root, "aggressive-regime", "seed-1", "latest", "ITER_SUMMARY_2.json")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_row_in_every_study()
    {
        using var session = new PowerShellSession();
        string Row() => string.Join(";", session.Run("Invoke-SoakStudy -Seeds 1 -FirstSeed 5 -Iterations 6 -Profile aggressive -ThrottleLimit 2").Output
            .Where(o => o.TypeName() == "SoakPS.Output.SoakStudyRun").OrderBy(o => o.Prop<string>("Arm"))
            .Select(o => $"{o.Prop<string>("Arm")} {o.Prop<double>("MeanNetBps")} {o.Prop<int>("Applies")} {o.Prop<string>("RunVerdict")}"));

        Assert.Equal(Row(), Row());
    }

    [Fact]
    public void An_unknown_profile_is_refused_before_anything_runs()
    {
        using var session = new PowerShellSession();
        var result = session.Run("Invoke-SoakStudy -Seeds 1 -Iterations 1 -Profile nope");

        Assert.NotNull(result.ErrorWithId("ProfileNotFound"));
        Assert.Empty(result.Output);
    }
}
