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
        var announced = Assert.Single(result.Verbose, v => v.Message.StartsWith("Study root: ", StringComparison.Ordinal)).Message;
        var root = announced["Study root: ".Length..announced.IndexOf(" (", StringComparison.Ordinal)];
        Assert.StartsWith(Path.GetTempPath(), root);
        Assert.False(Directory.Exists(root), $"{root} was left behind");
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
