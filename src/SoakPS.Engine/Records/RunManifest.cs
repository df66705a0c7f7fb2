using SoakPS.Engine.Files;

namespace SoakPS.Engine.Records;

/// <summary>run.json: what a run is and how far it got; everything -Resume needs to continue it.</summary>
internal sealed class RunManifest
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
    public int MaxFailedIterations { get; set; } = DefaultMaxFailedIterations;
    public string? Error { get; set; }

    /// <summary>Failed iterations in a row after which a run stops, unless it is told otherwise.</summary>
    public const int DefaultMaxFailedIterations = 3;

    /// <summary>A run folder's run.json; a file that cannot be read is the run's damage (InvalidRunManifest), never an I/O error.</summary>
    public static RunManifest Read(RunFolder folder)
    {
        try
        {
            return SoakJson.Deserialize<RunManifest>(InputFile.ReadText(folder.RunManifest, 1024 * 1024));
        }
        catch (SoakException e)
        {
            throw new SoakException("InvalidRunManifest", SoakErrorKind.InvalidData, $"'{folder.RunManifest}' cannot be read: {e.Message}", folder.RunManifest, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            throw new SoakException("InvalidRunManifest", SoakErrorKind.InvalidData, $"'{folder.RunManifest}' cannot be read: {e.Message}", folder.RunManifest, e);
        }
    }
}

internal static class RunStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Stopped = "stopped";
    public const string Failed = "failed";
}
