namespace SoakPS.Engine.Observability;

/// <summary>What the dashboard page draws (data.json, or embedded in an exported report); snake_case JSON.</summary>
internal sealed record DashboardData(
    DashboardRun Run,
    IReadOnlyList<DashboardMetric> Metrics,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<DashboardPoint> Points,
    IReadOnlyList<DashboardEvent> Events,
    IReadOnlyList<DashboardOverride> Overrides,
    DateTimeOffset GeneratedUtc,
    bool Live)
{
    /// <summary>The KPI thresholds of the run's policy, drawn as lines on their metrics' charts.</summary>
    public IReadOnlyList<DashboardThreshold> Thresholds { get; init; } = Array.Empty<DashboardThreshold>();
}

internal sealed record DashboardRun(string RunId, string Status, string Source, string? Profile, int IterationsPlanned, int IterationsCompleted,
    string? Verdict, DateTimeOffset StartedUtc, DateTimeOffset? EndedUtc, string? Error);

internal sealed record DashboardMetric(string Name, string Unit, string Help);

/// <summary>One completed iteration: verdict, metric values (absent = not evaluated), parameters in force after it, what was applied.</summary>
internal sealed record DashboardPoint(int Iteration, DateTimeOffset Timestamp, string Verdict, IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, decimal> Parameters, bool Applied, string? SkipReason, IReadOnlyList<string> Reasons);

internal sealed record DashboardEvent(int Iteration, string Guard, string Code, string Message, bool Warning);

/// <summary>A parameter's current value and where it came from (run start, tuning at iteration n, panic revert, an operator's change).</summary>
internal sealed record DashboardOverride(string Parameter, decimal Value, string Source);
