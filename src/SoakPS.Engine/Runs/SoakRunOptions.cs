using SoakPS.Engine.Guards;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Records;
using SoakPS.Engine.Sources;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Runs;

/// <summary>Everything a run needs; for -Resume most of it is read back from run.json by the host.</summary>
internal sealed record SoakRunOptions
{
    public required IEdgeReportSource Source { get; init; }
    public required int Iterations { get; init; }
    public bool AutoTune { get; init; }

    /// <summary>The overrides the run starts from (already resolved and validated).</summary>
    public required ParameterSet InitialOverrides { get; init; }

    public string? ProfileName { get; init; }
    public ParameterCatalog Catalog { get; init; } = ParameterCatalog.Default;
    public SoakPolicy Policy { get; init; } = SoakPolicy.Default;

    /// <summary>The tuner that proposes changes; by default the one the policy names (policy.tuner.name).</summary>
    public ITuner Tuner
    {
        get => _tuner ?? Tuners.For(Policy.Tuner.Name);
        init => _tuner = value;
    }

    private readonly ITuner? _tuner;

    /// <summary>Resolves a profile's values, for the panic target and G0's last resort.</summary>
    public required Func<string, ParameterSet> ProfileValues { get; init; }

    public TimeSpan Interval { get; init; } = TimeSpan.Zero;

    /// <summary>The market time one iteration covers; the run's clock for velocity when the source keeps market time.</summary>
    public TimeSpan IterationWindow { get; init; } = TimeSpan.FromMinutes(5);

    public int? Seed { get; init; }
    public IReadOnlyDictionary<string, string> SourceOptions { get; init; } = new Dictionary<string, string>();
    /// <summary>After this many failed iterations in a row (the source gave no usable report) the run stops as failed.</summary>
    public int MaxFailedIterations { get; init; } = DefaultMaxFailedIterations;

    public const int DefaultMaxFailedIterations = RunManifest.DefaultMaxFailedIterations;
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public GuardPipeline Guards { get; init; } = GuardPipeline.Default;

    /// <summary>Told when the run starts, after each completed iteration, and when it ends.</summary>
    public IReadOnlyList<IRunObserver> Observers { get; init; } = Array.Empty<IRunObserver>();

    /// <summary>Continue the interrupted run in latest/ instead of starting a new one.</summary>
    public bool Resume { get; init; }
}
