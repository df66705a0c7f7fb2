namespace SoakPS.Module.Tests;

/// <summary>
/// Executes the profile cmdlets' Pester files with a small runner of the Pester 5 subset they use (Pester is not
/// available here); the negative control proves that a failing expectation fails.
/// </summary>
[Collection(EnvironmentVariableCollection.Name)]
public sealed class ProfilePesterRunTests
{
    private static IReadOnlyList<(string Name, bool Passed, string? Error)> RunFile(string file)
    {
        using var session = new PowerShellSession();
        var runner = Path.Combine(PowerShellSession.RepoRoot, "tests", "SoakPS.Module.Tests", "Pester", "PesterSubsetRunner.ps1");
        var result = session.Run("& $runner -TestFile $file -TestDriveRoot $drive", new Dictionary<string, object?>
        {
            ["runner"] = runner,
            ["file"] = file,
            ["drive"] = session.ArtifactRoot,
        });
        Environment.SetEnvironmentVariable("MM_RUNTIME_OVERRIDES_JSON", null);
        Assert.Null(result.Terminating);
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => e.ToString() + " @ " + e.InvocationInfo?.PositionMessage)));
        return result.Output.Select(o => ((string)o.Properties["Name"].Value, (bool)o.Properties["Passed"].Value, o.Properties["Error"].Value as string)).ToArray();
    }

    [Theory]
    [InlineData("Set-SoakProfile.Tests.ps1", 16)]
    [InlineData("Get-SoakProfile.Tests.ps1", 6)]
    public void Pester_file_passes_under_the_subset_runner(string file, int expectedTests)
    {
        var results = RunFile(Path.Combine(PowerShellSession.RepoRoot, "tests", "pester", file));
        Assert.Equal(expectedTests, results.Count);
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Name}: {r.Error}"));
    }

    [Fact]
    public void The_runner_fails_every_failing_expectation()
    {
        var results = RunFile(Path.Combine(PowerShellSession.RepoRoot, "tests", "SoakPS.Module.Tests", "Pester", "NegativeControl.Tests.ps1"));
        Assert.Equal(13, results.Count);
        Assert.All(results, r => Assert.False(r.Passed, r.Name));
    }
}
