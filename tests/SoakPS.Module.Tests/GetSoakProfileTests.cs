using System.Management.Automation;

namespace SoakPS.Module.Tests;

[Collection(EnvironmentVariableCollection.Name)]
public sealed class GetSoakProfileTests : IDisposable
{
    private readonly PowerShellSession _session = new();

    public GetSoakProfileTests() => Environment.SetEnvironmentVariable("MM_RUNTIME_OVERRIDES_JSON", null);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("MM_RUNTIME_OVERRIDES_JSON", null);
        _session.Dispose();
    }

    private static string? P(PSObject o, string property) => o.Properties[property]?.Value?.ToString();

    private ScriptResult Run(string script) => _session.Run(script, new Dictionary<string, object?> { ["root"] = _session.ArtifactRoot });

    private void WriteProfile(string name, string json)
    {
        Directory.CreateDirectory(Path.Combine(_session.ArtifactRoot, "profiles"));
        File.WriteAllText(Path.Combine(_session.ArtifactRoot, "profiles", name + ".json"), json);
    }

    [Fact]
    public void Lists_built_in_and_user_profiles_with_flat_values()
    {
        WriteProfile("night", "{\"description\": \"quiet hours\", \"parameters\": {\"min_interval_ms\": 78}}");
        var result = Run("Get-SoakProfile -ArtifactPath $root");
        Assert.Empty(result.Errors);
        var profiles = result.Output.ToArray();
        Assert.Equal(new[] { "steady_safe", "ultra_safe", "aggressive", "night" }, profiles.Select(p => P(p, "Name")));
        var steady = profiles[0];
        Assert.Equal("BuiltIn", P(steady, "Kind"));
        Assert.Equal("75", P(steady, "MinIntervalMs"));
        Assert.Equal("740", P(steady, "TailAgeMs"));
        var night = profiles[3];
        Assert.Equal("User", P(night, "Kind"));
        Assert.Equal("quiet hours", P(night, "Description"));
        Assert.Equal("78", P(night, "MinIntervalMs"));
        Assert.Equal("650", P(night, "TailAgeMs"));
        Assert.EndsWith("night.json", P(night, "Path"));
    }

    [Fact]
    public void Wildcards_filter_and_an_unknown_literal_name_is_an_error()
    {
        var result = Run("Get-SoakProfile -Name *safe, nope -ArtifactPath $root");
        Assert.Equal(new[] { "steady_safe", "ultra_safe" }, result.Output.Select(o => (string)o.Properties["Name"].Value));
        Assert.Equal("ProfileNotFound", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public void A_broken_user_file_is_reported_and_the_rest_still_listed()
    {
        WriteProfile("broken", "{\"min_interval_ms\": \"NaN\"}");
        var result = Run("Get-SoakProfile -ArtifactPath $root");
        Assert.Equal(3, result.Output.Count);
        Assert.StartsWith("ParameterNotFinite", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Resolved_shows_each_value_source_including_the_environment()
    {
        Environment.SetEnvironmentVariable("MM_RUNTIME_OVERRIDES_JSON", "{\"min_interval_ms\": 77}");
        var result = Run("Get-SoakProfile steady_safe -Resolved -Set @{ tail_age_ms = 700 } -ArtifactPath $root");
        Assert.Empty(result.Errors);
        var rows = result.Output.ToDictionary(r => (string)r.Properties["Name"].Value);
        Assert.Equal(6, rows.Count);
        Assert.Equal(("77", "Environment"), (P(rows["min_interval_ms"], "Value"), P(rows["min_interval_ms"], "Source")));
        Assert.Equal(("700", "Explicit"), (P(rows["tail_age_ms"], "Value"), P(rows["tail_age_ms"], "Source")));
        Assert.Equal(("260", "Profile"), (P(rows["replace_rate_per_min"], "Value"), P(rows["replace_rate_per_min"], "Source")));
        Assert.False(File.Exists(Path.Combine(_session.ArtifactRoot, "runtime_overrides.json")));
    }

    [Fact]
    public void Resolved_with_two_names_is_refused()
    {
        var result = Run("Get-SoakProfile steady_safe, ultra_safe -Resolved -ArtifactPath $root");
        var error = result.Terminating is RuntimeException e ? e.ErrorRecord : Assert.Single(result.Errors);
        Assert.StartsWith("ResolvedNeedsOneProfile", error.FullyQualifiedErrorId);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void A_listed_profile_pipes_into_Set_SoakProfile()
    {
        var result = Run("Get-SoakProfile aggressive -ArtifactPath $root | Set-SoakProfile -ArtifactPath $root -PassThru -Verbose");
        Assert.Empty(result.Errors);
        Assert.Equal(6, result.Output.Count);
        Assert.Contains("\"min_interval_ms\": 50", File.ReadAllText(Path.Combine(_session.ArtifactRoot, "runtime_overrides.json")));
        Assert.Contains(result.Verbose, v => v.Message == "min_interval_ms = 50 from Profile (profile aggressive)");
    }

    [Fact]
    public void Resolved_without_a_name_shows_the_defaults()
    {
        var result = Run("Get-SoakProfile -Resolved -ArtifactPath $root");
        var rows = result.Output.ToArray();
        Assert.Equal(6, rows.Length);
        Assert.All(rows, r => Assert.Equal("Default", P(r, "Source")));
        Assert.Equal("70", P(rows.Single(r => P(r, "Name") == "min_interval_ms"), "Value"));
    }

    [Fact]
    public void Parameter_name_completer_offers_catalog_names()
    {
        var result = Run("[SoakPS.Completion.ParameterNameCompleter]::new().CompleteArgument('Undo-SoakTuning', 'Parameter', 'TAIL', $null, @{}) | ForEach-Object CompletionText");
        Assert.Empty(result.Errors);
        Assert.Equal(new object[] { "tail_age_ms" }, result.Output.Select(o => o.BaseObject).ToArray());
    }
}
