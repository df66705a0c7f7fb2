using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SoakPS.Module.Tests.EndToEnd;

/// <summary>The README's nightly script, run as Task Scheduler runs it (pwsh -NoProfile -NonInteractive -File): its exit code is the KPI gate.</summary>
[Trait("Category", "Pwsh")]
public sealed class ScheduledTaskExampleTests : IDisposable
{
    private readonly TempFolder _temp = new("soakps-nightly-");

    private static string Example => Path.Combine(PowerShellSession.RepoRoot, "examples", "scheduled", "nightly.ps1");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_readme_shows_the_example_script_exactly()
    {
        var readme = File.ReadAllText(Path.Combine(PowerShellSession.RepoRoot, "README.md")).ReplaceLineEndings("\n");
        var shown = Regex.Match(readme, "holding e\\.g\\.\n\n```powershell\n(.*?)```", RegexOptions.Singleline);
        Assert.True(shown.Success, "the README's scheduled-task section shows no nightly.ps1 block");
        Assert.Equal(File.ReadAllText(Example).ReplaceLineEndings("\n"), shown.Groups[1].Value);
    }

    [Fact]
    public void A_failed_KPI_gate_is_the_scripts_exit_code_and_the_folder_is_still_rotated()
    {
        // The 96-iteration auto-tuned mock run of the example ends with a FAIL run verdict.
        var root = Path.Combine(_temp.Path, "artifacts");
        var run = Pwsh.RunFile(Example, ["-ArtifactPath", root, "-Module", PowerShellSession.ModulePath]);

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}; stderr: {run.Stderr}");
        Assert.Contains("KPI verdict FAIL", run.Stderr);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "run.json")))!;
        Assert.Equal("FAIL", (string)manifest["verdict"]!);
        Assert.Matches(@"BytesBefore\s*:\s*\d+", run.Stdout);
    }

    [Fact]
    public void A_passing_run_exits_0()
    {
        var root = Path.Combine(_temp.Path, "passing");
        // steady_safe on the simulator passes its gate; the script is the same apart from its source line.
        var script = Path.Combine(_temp.Path, "nightly.ps1");
        File.WriteAllText(script, File.ReadAllText(Example).Replace("-Mock -Iterations 96 -AutoTune", "-Simulate -Iterations 96 -IterationMinutes 15 -AutoTune", StringComparison.Ordinal));
        var run = Pwsh.RunFile(script, ["-ArtifactPath", root, "-Module", PowerShellSession.ModulePath]);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}; stderr: {run.Stderr}");
        Assert.Matches(@"BytesBefore\s*:\s*\d+", run.Stdout);
    }
}
