namespace SoakPS.Engine.Reports;

/// <summary>The outcome of reading an edge report: metrics, or the reason the report is INVALID.</summary>
public sealed record EdgeReadResult(EdgeMetrics? Metrics, string? InvalidReason)
{
    public bool IsValid => Metrics is not null;

    public static EdgeReadResult Valid(EdgeMetrics metrics) => new(metrics, null);

    public static EdgeReadResult Invalid(string reason) => new(null, reason);
}
