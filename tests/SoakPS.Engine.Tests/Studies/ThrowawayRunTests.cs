using SoakPS.Engine.Files;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Studies;

namespace SoakPS.Engine.Tests.Studies;

public sealed class ThrowawayRunTests
{
    [Fact]
    public void A_throwaway_run_measures_exactly_what_a_kept_run_does_and_leaves_nothing_behind()
    {
        using var temp = new TempFolder("soakps-study-");
        var resolver = new ParameterResolver(new ProfileStore(new ArtifactLayout(temp.Path)));
        var profile = resolver.Resolve(BuiltInProfiles.SteadySafe.Name);
        StudyOptions Options(bool throwaway) => new()
        {
            Seeds = new[] { 9 },
            Profiles = new[] { profile },
            ProfileValues = name => resolver.Resolve(name).Values,
            Iterations = 12,
            Root = Path.Combine(temp.Path, throwaway ? "throwaway" : "kept"),
            ThrowawayRuns = throwaway,
        };
        var arm = new StudyArm(profile, Tuner: "rules");

        var kept = StudyRunner.RunOne(Options(false), 9, arm, CancellationToken.None);
        var thrown = StudyRunner.RunOne(Options(true), 9, arm, CancellationToken.None);

        Assert.Equal(kept.Run with { VerdictsByRegime = thrown.Run.VerdictsByRegime }, thrown.Run);
        Assert.Equal(kept.Run.VerdictsByRegime, thrown.Run.VerdictsByRegime);
        Assert.True(kept.Run.Applies > 0);
        Assert.True(File.Exists(Path.Combine(temp.Path, "kept", "steady_safe-rules", "seed-9", "latest", "ITER_SUMMARY_12.json")));
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "throwaway", "steady_safe-rules", "seed-9")));
    }

    [Fact]
    public void The_scratch_folder_is_new_and_writable()
    {
        var a = StudyScratchFolder.Create();
        var b = StudyScratchFolder.Create();
        try
        {
            Assert.NotEqual(a, b);
            File.WriteAllText(Path.Combine(a, "probe"), "x");
            Assert.Empty(Directory.EnumerateFileSystemEntries(b));
        }
        finally
        {
            Directory.Delete(a, recursive: true);
            Directory.Delete(b, recursive: true);
        }
    }
}
