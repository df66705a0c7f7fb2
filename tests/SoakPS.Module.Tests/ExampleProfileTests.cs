namespace SoakPS.Module.Tests;

/// <summary>The profiles under examples/ are real profiles: copied into an artifact root, they load and a study can use their market.</summary>
public class ExampleProfileTests
{
    public static TheoryData<string> Profiles => new(Directory.GetFiles(Path.Combine(PowerShellSession.RepoRoot, "examples", "profiles"), "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Profiles))]
    public void An_example_profile_loads_and_its_market_runs_a_study(string file)
    {
        using var session = new PowerShellSession();
        var profiles = Directory.CreateDirectory(Path.Combine(session.ArtifactRoot, "profiles")).FullName;
        File.Copy(Path.Combine(PowerShellSession.RepoRoot, "examples", "profiles", file), Path.Combine(profiles, file));
        var name = Path.GetFileNameWithoutExtension(file);

        var result = session.Run($"Get-SoakProfile {name} -ArtifactPath '{session.ArtifactRoot}'; " +
            $"Invoke-SoakStudy -Seeds 1 -Iterations 3 -IterationMinutes 5 -Profile steady_safe -Tuner regime -Market {name} -Result Arms -ArtifactPath '{session.ArtifactRoot}'");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(name, result.Output[0].Prop<string>("Name"));
        Assert.Equal(2, result.Output.Count(o => o.TypeName() == "SoakPS.Output.SoakStudySummary"));
    }
}
