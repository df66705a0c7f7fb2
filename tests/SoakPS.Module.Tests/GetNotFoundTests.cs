using System.Management.Automation;

namespace SoakPS.Module.Tests;

/// <summary>A Get- that finds nothing writes a non-terminating error, as PowerShell's own Get- cmdlets do: -ErrorAction decides.</summary>
public class GetNotFoundTests
{
    [Theory]
    [InlineData("Get-SoakIteration -ArtifactPath ./nope", "ArtifactPathNotFound", false)]
    [InlineData("Get-SoakIteration -Iteration 999", "IterationNotFound", true)]
    [InlineData("Get-SoakIteration -RunId nope", "RunNotFound", true)]
    [InlineData("Get-SoakTuningState", "NoRun", false)]
    [InlineData("Get-SoakTuningState -ArtifactPath ./nope", "ArtifactPathNotFound", false)]
    [InlineData("Get-SoakProfile nothere", "ProfileNotFound", false)]
    public void Finding_nothing_is_a_non_terminating_error_that_ErrorAction_silences(string command, string errorId, bool withRun)
    {
        using var s = new PowerShellSession();
        if (withRun) Assert.Null(s.Run("Start-SoakRun -Mock -Iterations 2 -ArtifactPath .").Terminating);

        var reported = s.Run(Command(command));
        Assert.Null(reported.Terminating);
        var error = Assert.Single(reported.Errors);
        Assert.Equal(errorId, error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Empty(reported.Output);

        foreach (var action in new[] { "Ignore", "SilentlyContinue" })
        {
            var silenced = s.Run($"{Command(command)} -ErrorAction {action}; 'went on'");
            Assert.Null(silenced.Terminating);
            Assert.Empty(silenced.Errors);
            Assert.Equal("went on", Assert.Single(silenced.Output).BaseObject);
        }
    }

    private static string Command(string command) => command.Contains("-ArtifactPath") ? command : command + " -ArtifactPath .";
}
