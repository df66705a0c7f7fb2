namespace SoakPS.Engine.Runs;

/// <summary>run.json: what a run is and how far it got; everything -Resume needs to continue it.</summary>
public sealed class RunManifest
{
    public string RunId { get; set; } = string.Empty;
    public DateTimeOffset StartedUtc { get; set; }
    public DateTimeOffset? EndedUtc { get; set; }

    /// <summary>running | completed | stopped | failed</summary>
    public string Status { get; set; } = RunStatus.Running;

    public string? Profile { get; set; }
    public string Source { get; set; } = string.Empty;
    public int? Seed { get; set; }
    public int IterationsPlanned { get; set; }
    public int IterationsCompleted { get; set; }
    public string? Verdict { get; set; }
    public bool AutoTune { get; set; }

    /// <summary>The tuner of an auto-tuned run (absent for runs without auto-tune, and in run.json of older runs, which used the rules).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Tuner { get; set; }
    public double IntervalSeconds { get; set; }
    public double IterationMinutes { get; set; }
    public SortedDictionary<string, decimal> InitialOverrides { get; set; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> SourceOptions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Failed iterations in a row after which the run stops (absent in run.json of older runs: the default).</summary>
    public int MaxFailedIterations { get; set; } = SoakRunOptions.DefaultMaxFailedIterations;
    public string? Error { get; set; }
}

public static class RunStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Stopped = "stopped";
    public const string Failed = "failed";
}
