using System.Text.Json.Serialization;

namespace SoakPS.Engine.Records;

/// <summary>ITER_SUMMARY_&lt;n&gt;.json (docs/artifacts.md): written last in an iteration, so its existence marks the iteration completed.</summary>
internal sealed class IterationSummary
{
    public int Iteration { get; set; }
    public string RunId { get; set; } = string.Empty;
    public DateTimeOffset Timestamp { get; set; }
    public string Source { get; set; } = string.Empty;
    public string? Profile { get; set; }
    public string? Regime { get; set; }

    public const string CompletedStatus = "completed";
    public const string FailedStatus = "failed";

    /// <summary>completed, or failed when the source produced no report.</summary>
    public string Status { get; set; } = CompletedStatus;

    public EdgeMetrics Summary { get; set; } = new();
    public IterationTuning Tuning { get; set; } = new();
    public IterationKpi Kpi { get; set; } = new();
}

/// <summary>The tuning part of an iteration summary: what was proposed, what each guard made of it, what was applied.</summary>
internal sealed class IterationTuning
{
    public SortedDictionary<string, decimal> ProposedDeltas { get; set; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, decimal> Deltas { get; set; } = new(StringComparer.Ordinal);
    public bool Applied { get; set; }
    public string Rationale { get; set; } = string.Empty;
    public SortedDictionary<string, ParameterOutcome> Outcomes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>One shape everywhere: a snake_case code, or null when something was applied.</summary>
    public string? SkipReason { get; set; }

    public string StateHash { get; set; } = string.Empty;
    public SortedDictionary<string, decimal> Overrides { get; set; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, bool> Guards { get; set; } = new(StringComparer.Ordinal);
    public List<GuardEvent> Events { get; set; } = new();
}

internal sealed class IterationKpi
{
    [JsonConverter(typeof(JsonStringEnumConverter<Records.Verdict>))]
    public Records.Verdict Verdict { get; set; }

    public List<string> Reasons { get; set; } = new();
    public List<string> NotEvaluated { get; set; } = new();
}
