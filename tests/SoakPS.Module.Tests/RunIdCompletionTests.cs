namespace SoakPS.Module.Tests;

/// <summary>-RunId completes the runs of the artifact root the command would read, newest first, not file names.</summary>
public class RunIdCompletionTests
{
    [Theory]
    [InlineData("Get-SoakIteration")]
    [InlineData("Export-SoakReport")]
    [InlineData("Undo-SoakTuning")]
    public void RunId_completes_the_run_ids_of_the_artifact_root_newest_first(string cmdlet)
    {
        using var s = new PowerShellSession();
        var first = s.Run($"Start-SoakRun -Mock -Iterations 1 -ArtifactPath '{s.ArtifactRoot}'").Output.Single().Prop<string>("RunId");
        var second = s.Run($"Start-SoakRun -Mock -Iterations 1 -ArtifactPath '{s.ArtifactRoot}'").Output.Single().Prop<string>("RunId");

        var line = $"{cmdlet} -ArtifactPath '{s.ArtifactRoot}' -RunId ";
        var all = s.Run($"(TabExpansion2 -inputScript \"{line}\" -cursorColumn {line.Length}).CompletionMatches | ForEach-Object CompletionText").Output.Select(o => (string)o.BaseObject).ToList();
        Assert.Equal(new[] { second, first }, all);

        line += first[..^3];
        var some = s.Run($"(TabExpansion2 -inputScript \"{line}\" -cursorColumn {line.Length}).CompletionMatches | ForEach-Object CompletionText").Output.Select(o => (string)o.BaseObject);
        Assert.Equal(new[] { first }, some);
    }
}
