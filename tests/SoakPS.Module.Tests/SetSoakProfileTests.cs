using System.Management.Automation;
using System.Text.Json;

namespace SoakPS.Module.Tests;

/// <summary>MM_RUNTIME_OVERRIDES_JSON is process-wide, so these tests never run beside another collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentVariableCollection
{
    public const string Name = "Process environment";
}

[Collection(EnvironmentVariableCollection.Name)]
public sealed class SetSoakProfileTests : IDisposable
{
    private readonly PowerShellSession _session = new();

    public SetSoakProfileTests() => Environment.SetEnvironmentVariable("MM_RUNTIME_OVERRIDES_JSON", null);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("MM_RUNTIME_OVERRIDES_JSON", null);
        _session.Dispose();
    }

    private string OverridesPath => Path.Combine(_session.ArtifactRoot, "runtime_overrides.json");

    private Dictionary<string, JsonElement> ReadOverrides() =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(OverridesPath))!;

    /// <summary>A cmdlet's terminating error ends its statement; the script host reports it on the error stream.</summary>
    private static ErrorRecord TheError(ScriptResult result) =>
        result.Terminating is RuntimeException e ? e.ErrorRecord : Assert.Single(result.Errors);

    private static string? P(PSObject o, string property) => o.Properties[property]?.Value?.ToString();

    private ScriptResult Run(string script) => _session.Run(script, new Dictionary<string, object?> { ["root"] = _session.ArtifactRoot });

    [Fact]
    public void A_mistyped_artifact_path_two_folders_deep_is_refused_and_nothing_is_created()
    {
        var typo = Path.Combine(_session.ArtifactRoot, "typo", "deeper");
        var result = _session.Run($"Set-SoakProfile steady_safe -ArtifactPath '{typo}'");
        Assert.Equal(ErrorCategory.ObjectNotFound, result.ErrorWithId("ArtifactPathNotFound").CategoryInfo.Category);
        Assert.False(Directory.Exists(Path.Combine(_session.ArtifactRoot, "typo")));

        var set = _session.Run($"Set-SoakProfile steady_safe -Set @{{ MinIntervalMs = 76 }} -ArtifactPath '{Path.Combine(_session.ArtifactRoot, "fresh")}'");
        Assert.Null(set.Terminating);
        Assert.Contains("\"min_interval_ms\": 76", File.ReadAllText(Path.Combine(_session.ArtifactRoot, "fresh", "runtime_overrides.json")));
    }

    [Fact]
    public void Steady_safe_writes_its_values_as_flat_numbers()
    {
        var result = Run("Set-SoakProfile steady_safe -ArtifactPath $root");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        var values = ReadOverrides();
        Assert.Equal(6, values.Count);
        Assert.All(values.Values, v => Assert.Equal(JsonValueKind.Number, v.ValueKind));
        Assert.Equal(75, values["min_interval_ms"].GetInt32());
        Assert.Equal(740, values["tail_age_ms"].GetInt32());
        Assert.Equal(0.16m, values["base_spread_bps_delta"].GetDecimal());
    }

    [Fact]
    public void The_environment_overrides_one_key_and_keeps_the_profile_for_the_others()
    {
        Environment.SetEnvironmentVariable("MM_RUNTIME_OVERRIDES_JSON", "{\"min_interval_ms\": 77}");
        var result = Run("Set-SoakProfile steady_safe -ArtifactPath $root -PassThru");
        Assert.Empty(result.Errors);
        var values = ReadOverrides();
        Assert.Equal(77, values["min_interval_ms"].GetInt32());
        Assert.Equal(0.16m, values["base_spread_bps_delta"].GetDecimal());
        Assert.Equal(0.08m, values["impact_cap_ratio"].GetDecimal());
        Assert.Equal(0.12m, values["max_delta_ratio"].GetDecimal());
        Assert.Equal(260, values["replace_rate_per_min"].GetInt32());
        Assert.Equal(740, values["tail_age_ms"].GetInt32());
        var rows = result.Output.ToDictionary(r => (string)r.Properties["Name"].Value);
        Assert.Equal("Environment", P(rows["min_interval_ms"], "Source"));
        Assert.Equal("Profile", P(rows["tail_age_ms"], "Source"));
        Assert.Equal("steady_safe", P(rows["tail_age_ms"], "Profile"));
    }

    [Fact]
    public void Explicit_values_win_over_the_environment()
    {
        Environment.SetEnvironmentVariable("MM_RUNTIME_OVERRIDES_JSON", "{\"min_interval_ms\": 77}");
        var result = Run("Set-SoakProfile steady_safe -Set @{ min_interval_ms = 78 } -ArtifactPath $root -PassThru");
        Assert.Empty(result.Errors);
        Assert.Equal(78, ReadOverrides()["min_interval_ms"].GetInt32());
        Assert.Equal(740, ReadOverrides()["tail_age_ms"].GetInt32());
        var row = result.Output.Single(r => (string)r.Properties["Name"].Value == "min_interval_ms");
        Assert.Equal("Explicit", P(row, "Source"));
        Assert.Equal("40", P(row, "Min"));
        Assert.Equal("80", P(row, "Max"));
    }

    [Theory]
    [InlineData("{not json", "", "InvalidOverridesJson")]
    [InlineData("[75]", "", "OverridesNotAnObject")]
    [InlineData("{\"min_intervall_ms\": 75}", "", "UnknownParameter")]
    [InlineData("{\"min_interval_ms\": \"fast\"}", "", "ParameterNotNumeric")]
    [InlineData("{\"min_interval_ms\": \"NaN\"}", "", "ParameterNotFinite")]
    [InlineData("{\"min_interval_ms\": 1e400}", "", "ParameterNotFinite")]
    [InlineData("{\"min_interval_ms\": 95}", "", "ParameterOutOfBounds")]
    [InlineData("", "-Set @{ min_interval_ms = [double]::NaN }", "ParameterNotFinite")]
    [InlineData("", "-Set @{ min_interval_ms = 'abc' }", "ParameterNotNumeric")]
    [InlineData("", "-Set @{ min_interval_ms = 10 }", "ParameterOutOfBounds")]
    [InlineData("", "-Set @{ interval = 70 }", "UnknownParameter")]
    public void Bad_input_is_an_error_record_with_its_id_and_the_file_stays_unchanged(string environment, string extra, string errorId)
    {
        Assert.Empty(Run("Set-SoakProfile ultra_safe -ArtifactPath $root").Errors);
        var before = File.ReadAllBytes(OverridesPath);
        Environment.SetEnvironmentVariable("MM_RUNTIME_OVERRIDES_JSON", environment.Length == 0 ? null : environment);

        var result = Run($"Set-SoakProfile steady_safe {extra} -ArtifactPath $root");

        var error = TheError(result);
        Assert.StartsWith(errorId, error.FullyQualifiedErrorId);
        Assert.Equal(before, File.ReadAllBytes(OverridesPath));
        Assert.Empty(Directory.EnumerateFiles(_session.ArtifactRoot, "*.tmp"));
    }

    [Theory]
    [InlineData("nope", "ProfileNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("../escape", "InvalidName", ErrorCategory.InvalidArgument)]
    [InlineData("a/b", "InvalidName", ErrorCategory.InvalidArgument)]
    public void Bad_profile_names_write_nothing(string name, string errorId, ErrorCategory category)
    {
        var result = Run($"Set-SoakProfile '{name}' -ArtifactPath $root");
        var error = TheError(result);
        Assert.StartsWith(errorId, error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.False(File.Exists(OverridesPath));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_session.ArtifactRoot));
        if (errorId == "ProfileNotFound") Assert.Contains("aggressive", error.Exception.Message);
    }

    [Fact]
    public void WhatIf_changes_nothing()
    {
        Assert.Empty(Run("Set-SoakProfile aggressive -ArtifactPath $root").Errors);
        var before = File.ReadAllBytes(OverridesPath);
        var result = Run("Set-SoakProfile steady_safe -ArtifactPath $root -WhatIf -PassThru");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        Assert.Equal(before, File.ReadAllBytes(OverridesPath));
    }

    [Fact]
    public void A_user_profile_file_is_applied_and_its_rounding_is_reported()
    {
        Directory.CreateDirectory(Path.Combine(_session.ArtifactRoot, "profiles"));
        File.WriteAllText(Path.Combine(_session.ArtifactRoot, "profiles", "night.json"), "{\"min_interval_ms\": 77.4, \"tail_age_ms\": 610}");
        var result = Run("Set-SoakProfile night -ArtifactPath $root -PassThru");
        Assert.Empty(result.Errors);
        Assert.Equal(77, ReadOverrides()["min_interval_ms"].GetInt32());
        Assert.Equal(610, ReadOverrides()["tail_age_ms"].GetInt32());
        Assert.Equal(0.14m, ReadOverrides()["base_spread_bps_delta"].GetDecimal());
        var row = result.Output.Single(r => (string)r.Properties["Name"].Value == "min_interval_ms");
        Assert.Contains("rounded", P(row, "SourceDetail"));
    }

    [Fact]
    public void Tab_completion_offers_built_in_and_user_profile_names()
    {
        Directory.CreateDirectory(Path.Combine(_session.ArtifactRoot, "profiles"));
        File.WriteAllText(Path.Combine(_session.ArtifactRoot, "profiles", "stormy.json"), "{}");
        var result = Run("(TabExpansion2 -inputScript 'Set-SoakProfile st' -cursorColumn 18).CompletionMatches | ForEach-Object CompletionText");
        Assert.Empty(result.Errors);
        var matches = result.Output.Select(o => o.BaseObject.ToString()).ToArray();
        Assert.Contains("steady_safe", matches);
        Assert.DoesNotContain("aggressive", matches);

        // With no -ArtifactPath the completer looks at ./artifacts/soak under the current location.
        var line = $"Set-SoakProfile -ArtifactPath '{_session.ArtifactRoot}' -Name sto";
        var user = Run($"(TabExpansion2 -inputScript \"{line}\" -cursorColumn {line.Length}).CompletionMatches | ForEach-Object CompletionText");
        Assert.Equal(new object[] { "stormy" }, user.Output.Select(o => o.BaseObject).ToArray());
    }

    [Fact]
    public void A_live_run_gets_a_warning_not_a_refusal()
    {
        // A live run: its OS lock on .soak.lock held without sharing, and soak.lock naming it.
        using var held = new FileStream(Path.Combine(_session.ArtifactRoot, ".soak.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        File.WriteAllText(Path.Combine(_session.ArtifactRoot, "soak.lock"),
            $"{{\"pid\": {Environment.ProcessId}, \"host\": \"{Environment.MachineName}\", \"run_id\": \"r1\", \"since\": \"2026-01-01T00:00:00Z\"}}");
        var result = Run("Set-SoakProfile ultra_safe -ArtifactPath $root");
        Assert.Null(result.Terminating);
        Assert.Contains("r1", Assert.Single(result.Warnings).Message);
        Assert.Equal(80, ReadOverrides()["min_interval_ms"].GetInt32());
    }

    [Fact]
    public void A_soak_lock_left_by_a_crashed_run_is_not_a_live_run()
    {
        // The record names this very process, which is alive: only the OS lock says whether a run holds the root.
        File.WriteAllText(Path.Combine(_session.ArtifactRoot, "soak.lock"),
            $"{{\"pid\": {Environment.ProcessId}, \"host\": \"{Environment.MachineName}\", \"run_id\": \"r1\", \"since\": \"2026-01-01T00:00:00Z\"}}");
        var result = Run("Set-SoakProfile ultra_safe -ArtifactPath $root");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Warnings);
        Assert.Equal(80, ReadOverrides()["min_interval_ms"].GetInt32());
    }

    [Fact]
    public void MigrateLegacy_moves_old_files_and_WhatIf_moves_none()
    {
        var old = Path.Combine(_session.ArtifactRoot, "steady_safe_overrides.json");
        var retired = Path.Combine(_session.ArtifactRoot, "applied_profile.json");
        File.WriteAllText(old, "{\"min_interval_ms\": 76}");
        File.WriteAllText(retired, "{\"profile\": \"x\"}");

        Assert.Empty(Run("Set-SoakProfile -MigrateLegacy -ArtifactPath $root -WhatIf").Errors);
        Assert.True(File.Exists(old));
        Assert.True(File.Exists(retired));

        var result = Run("Set-SoakProfile -MigrateLegacy -ArtifactPath $root -PassThru");
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Output.Count);
        Assert.False(File.Exists(old));
        Assert.Equal("{\"min_interval_ms\": 76}", File.ReadAllText(Path.Combine(_session.ArtifactRoot, "profiles", "legacy_steady_safe.json")));
        Assert.True(File.Exists(Path.Combine(_session.ArtifactRoot, "legacy", "applied_profile.json")));
        Assert.Empty(Run("Set-SoakProfile legacy_steady_safe -ArtifactPath $root").Errors);
        Assert.Equal(76, ReadOverrides()["min_interval_ms"].GetInt32());
    }
}
