using SoakPS.Engine.Records;

namespace SoakPS.Engine.EdgeReports;

/// <summary>
/// The outcome of reading an edge report: metrics, or the reason the report is INVALID; with notes on metrics the
/// report carried but that could not honestly be used (they stay not evaluated).
/// </summary>
internal sealed record EdgeReadResult(EdgeMetrics? Metrics, string? InvalidReason)
{
    public bool IsValid => Metrics is not null;

    public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();

    public static EdgeReadResult Valid(EdgeMetrics metrics, IReadOnlyList<string>? notes = null) => new(metrics, null) { Notes = notes ?? Array.Empty<string>() };

    public static EdgeReadResult Invalid(string reason) => new(null, reason);
}
