namespace SoakPS.Module.Tests;

/// <summary>The test host does what hosted cmdlet tests rely on: WhatIf text, scripted confirmation, rendered views.</summary>
public class RecordingHostTests
{
    private const string ChangeFunction = """
        function Set-Thing {
            [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
            param([string] $Name)
            if ($PSCmdlet.ShouldProcess($Name, 'Change thing')) { "changed $Name" }
        }
        """;

    [Fact]
    public void WhatIf_text_reaches_the_host_and_nothing_is_done()
    {
        using var session = new PowerShellSession(new RecordingHost());
        var result = session.Run(ChangeFunction + "\nSet-Thing -Name alpha -WhatIf");
        Assert.Empty(result.Output);
        Assert.Contains("What if: Performing the operation \"Change thing\" on target \"alpha\".", session.Host!.Interface.Text);
    }

    [Theory]
    [InlineData("Yes", true)]
    [InlineData("No", false)]
    public void Confirm_prompts_are_answered_with_the_configured_choice(string answer, bool done)
    {
        var host = new RecordingHost();
        host.Interface.ChoiceAnswer = answer;
        using var session = new PowerShellSession(host);
        var result = session.Run(ChangeFunction + "\nSet-Thing -Name beta");
        Assert.Contains(host.Interface.Prompts, p => p.Contains("beta"));
        Assert.Equal(done ? ["changed beta"] : [], result.Output.Select(o => (string)o.BaseObject));
    }

    [Fact]
    public void Render_shows_format_views_as_plain_text()
    {
        using var session = new PowerShellSession(new RecordingHost());
        var text = session.Render("Get-Module SoakPS");
        Assert.Contains("ModuleType", text);
        Assert.Contains("SoakPS", text);
        Assert.DoesNotContain("\u001b", text);
    }

    [Fact]
    public void Escape_sequences_are_stripped()
    {
        Assert.Equal("Name  Value", RecordingHostUserInterface.StripAnsi("\u001b[32;1mName\u001b[0m  \u001b[32;1;3mValue\u001b[0m"));
    }
}
