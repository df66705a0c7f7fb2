using SoakPS.Engine.Parameters;

namespace SoakPS.Engine.Sources;

/// <summary>Where an iteration's edge report comes from: mock, simulator, an external bot command, or a report file.</summary>
public interface IEdgeReportSource : IDisposable
{
    /// <summary>mock | simulate | command | report: recorded in run.json and on every iteration.</summary>
    string Name { get; }

    /// <summary>Produces the raw report of one iteration. A failure of the source (not of the report) is a <see cref="SourceResult.Failure"/>.</summary>
    Task<SourceResult> ObtainAsync(IterationContext context, CancellationToken cancellationToken);
}

/// <summary>What a source knows about the iteration it is asked for.</summary>
/// <param name="Iteration">1-based iteration number.</param>
/// <param name="Overrides">The parameters in force for this iteration (what runtime_overrides.json holds).</param>
/// <param name="ReportPath">Where an external bot must write its report (SOAK_EDGE_REPORT_PATH).</param>
/// <param name="Window">The iteration's window of market time.</param>
public sealed record IterationContext(
    string RunId,
    int Iteration,
    int TotalIterations,
    ParameterSet Overrides,
    string OverridesPath,
    string ReportPath,
    string LogsPath,
    DateTimeOffset StartedUtc,
    TimeSpan Window);

/// <summary>The raw report text as received, or why there is none; plus annotations such as the mock's regime.</summary>
public sealed record SourceResult(string? ReportText, string? FailureReason, IReadOnlyDictionary<string, string> Annotations)
{
    public static SourceResult Report(string text, IReadOnlyDictionary<string, string>? annotations = null) =>
        new(text, null, annotations ?? new Dictionary<string, string>());

    public static SourceResult Failure(string reason) => new(null, reason, new Dictionary<string, string>());

    public bool Failed => FailureReason is not null;
}
