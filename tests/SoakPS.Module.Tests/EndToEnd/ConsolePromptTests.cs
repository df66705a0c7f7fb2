using System.Text.Json.Nodes;

namespace SoakPS.Module.Tests.EndToEnd;

/// <summary>
/// Confirmation prompts as a person meets them: pwsh on a pseudo-terminal (tmux), the answer typed on the keyboard;
/// and what a script without a console gets instead.
/// </summary>
[Trait("Category", "Tmux")]
public sealed class ConsolePromptTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);
    private readonly TempFolder _temp = new("soakps-console-");

    private string Folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private string Live => Path.Combine(Folder, "runtime_overrides.json");

    private decimal LiveValue(string name) => (decimal)JsonNode.Parse(File.ReadAllText(Live))![name]!;

    [Theory]
    [InlineData("y", true)]
    [InlineData("n", false)]
    public void Confirm_asks_on_the_console_and_does_only_what_was_answered(string answer, bool written)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // tmux is the pseudo-terminal here; the Linux runs cover it.
        }
        var script = $"{Pwsh.ImportModule}\nSet-SoakProfile aggressive -ArtifactPath {Pwsh.Quote(Folder)} -Confirm";
        using var terminal = TmuxTerminal.Start(Folder, Pwsh.CommandLine(script, interactive: true));
        var prompt = terminal.WaitFor("[Y] Yes", s_timeout);
        Assert.Contains("Are you sure you want to perform this action?", prompt);
        Assert.Contains("Write profile 'aggressive'", prompt);
        Assert.False(File.Exists(Live), "nothing is written before the answer");

        terminal.SendKeys(answer, "Enter");
        Assert.Equal(0, terminal.WaitForExit(s_timeout));
        Assert.Equal(written, File.Exists(Live));
        if (written)
        {
            Assert.Equal(500m, LiveValue("tail_age_ms"));
        }
    }

    [Fact]
    public void A_high_impact_undo_asks_on_the_console_without_being_told_to()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var root = Pwsh.Quote(Folder);
        var script = $"{Pwsh.ImportModule}\n$null = Start-SoakRun -Mock -Iterations 3 -AutoTune -ArtifactPath {root}\nUndo-SoakTuning -ToProfile aggressive -ArtifactPath {root}";
        using var terminal = TmuxTerminal.Start(Folder, Pwsh.CommandLine(script, interactive: true));
        var prompt = terminal.WaitFor("[Y] Yes", s_timeout);
        Assert.Contains("undo to profile aggressive", prompt);
        var before = File.ReadAllText(Live);

        terminal.SendKeys("y", "Enter");
        Assert.Equal(0, terminal.WaitForExit(s_timeout));
        Assert.NotEqual(before, File.ReadAllText(Live));
        Assert.Equal(500m, LiveValue("tail_age_ms"));
    }

    [Fact]
    public void Without_a_console_a_high_impact_undo_is_refused_and_changes_nothing()
    {
        var root = Pwsh.Quote(Folder);
        var run = Pwsh.Run(Folder, $"{Pwsh.ImportModule}\n$null = Start-SoakRun -Mock -Iterations 3 -AutoTune -ArtifactPath {root}\n"
            + "$before = [IO.File]::ReadAllText((Join-Path " + root + " runtime_overrides.json))\n"
            + $"Undo-SoakTuning -ToProfile aggressive -ArtifactPath {root}\n"
            + "if ([IO.File]::ReadAllText((Join-Path " + root + " runtime_overrides.json)) -ceq $before) { 'unchanged' }");
        Assert.Contains("unchanged", run.Stdout);
        Assert.Contains("PowerShell is in NonInteractive mode", run.Stderr);
    }
}
