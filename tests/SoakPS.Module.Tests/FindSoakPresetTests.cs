namespace SoakPS.Module.Tests;

/// <summary>Find-SoakPreset hosted: its streams and its ShouldProcess text (the Pester file owns the fit's contract).</summary>
public class FindSoakPresetTests
{
    [Fact]
    public void Verbose_tells_each_class_as_it_is_fitted_and_WhatIf_names_the_profile_it_would_write()
    {
        using var session = new PowerShellSession(new RecordingHost());
        var root = Path.Combine(session.ArtifactRoot, "fit");
        var result = session.Run($"Find-SoakPreset -Seeds 1 -Iterations 4 -IterationMinutes 5 -ArtifactPath '{root}' -SaveAs mine -WhatIf -Verbose");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "calm", "volatile", "spike" }, result.Output.Select(o => o.Prop<string>("Class")));
        Assert.All(result.Output, o => Assert.Null(o.Properties["SavedTo"].Value));
        foreach (var cls in new[] { "calm", "volatile", "spike" })
        {
            Assert.Contains(result.Verbose, v => v.Message.StartsWith(cls + ": ", StringComparison.Ordinal));
        }
        Assert.Contains($"What if: Performing the operation \"Write the 3 fitted presets of profile 'steady_safe' as profile 'mine'\" on target \"{Path.Combine(root, "profiles", "mine.json")}\".",
            session.Host!.Interface.Text);
        Assert.False(File.Exists(Path.Combine(root, "profiles", "mine.json")));
    }
}
