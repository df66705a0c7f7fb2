using SoakPS.Engine.Runs;
using SoakPS.Engine.Sources;

namespace SoakPS.Engine.Planning;

/// <summary>What the user asked for, before defaults, profiles and run.json are consulted.</summary>
internal sealed record RunRequest
{
    /// <summary>A name from <see cref="SourceRegistry"/>; ignored with <see cref="Resume"/>.</summary>
    public string SourceName { get; init; } = MockSource.SourceName;
    public int Iterations { get; init; }
    public int? Seed { get; init; }

    /// <summary>The source's own options (e.g. replay_path), as the source names them.</summary>
    public IReadOnlyDictionary<string, string> SourceOptions { get; init; } = new Dictionary<string, string>();
    public bool AutoTune { get; init; }

    /// <summary>The tuner to use instead of the one the profile's policy names.</summary>
    public string? TunerName { get; init; }
    public string? ProfileName { get; init; }
    public IDictionary<string, object?>? Explicit { get; init; }
    public double? IntervalSeconds { get; init; }
    public double? IterationMinutes { get; init; }
    public bool Resume { get; init; }

    /// <summary>Failed iterations in a row after which the run stops as failed.</summary>
    public int MaxFailedIterations { get; init; } = SoakRunOptions.DefaultMaxFailedIterations;

    /// <summary>Reads an environment variable (MM_RUNTIME_OVERRIDES_JSON, SOAK_SLEEP_SECONDS).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
