using System.Text.Json;

namespace SoakPS.Module.Tests;

/// <summary>MM_RUNTIME_OVERRIDES_JSON is process-wide, so these tests never run beside another collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentVariableCollection
{
    public const string Name = "Process environment";
}

/// <summary>
/// Set-SoakProfile in the host: what reaches the warning stream about a run holding the root. Its user-facing contract
/// (precedence, bad input, -WhatIf, migration, completion) is tests/pester/Set-SoakProfile.Tests.ps1.
/// </summary>
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

    private ScriptResult Run(string script) => _session.Run(script, new Dictionary<string, object?> { ["root"] = _session.ArtifactRoot });

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
}
