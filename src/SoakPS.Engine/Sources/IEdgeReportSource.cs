using SoakPS.Engine.Parameters;
using SoakPS.Engine.Sources.Simulation;

namespace SoakPS.Engine.Sources;

/// <summary>
/// Where an iteration's edge report comes from: mock, replay, simulator, an external bot command, or a report file.
/// A source declares how time passes for it and how long to wait between iterations, so the run loop asks the
/// source and never switches on its name. New sources register in <see cref="SourceRegistry"/>.
/// </summary>
internal interface IEdgeReportSource : IDisposable
{
    /// <summary>mock | replay | simulate | command | report: recorded in run.json and on every iteration.</summary>
    string Name { get; }

    /// <summary>Market time advanced by the iteration window per iteration, or the wall clock.</summary>
    SourceClock Clock { get; }

    /// <summary>The wait between iterations when neither -IntervalSeconds nor SOAK_SLEEP_SECONDS says otherwise.</summary>
    TimeSpan DefaultInterval { get; }

    /// <summary>What recreates this source on -Resume (persisted in run.json).</summary>
    SourceSettings Settings { get; }

    /// <summary>Produces the raw report of one iteration. A failure of the source (not of the report) is a <see cref="SourceResult.Failure"/>.</summary>
    Task<SourceResult> ObtainAsync(IterationContext context, CancellationToken cancellationToken);
}

/// <summary>What an iteration's time is measured in, for the velocity guard's trailing hour and market timestamps.</summary>
internal enum SourceClock
{
    /// <summary>Synthetic market time: the run's start plus one iteration window per iteration.</summary>
    Market,

    /// <summary>The run's clock (wall time): a real bot trades in real time.</summary>
    Wall,
}

/// <summary>What a source is created from: its seed, if it has one, and named options (paths, arguments…).</summary>
internal sealed record SourceSettings(int? Seed, IReadOnlyDictionary<string, string> Options)
{
    public static SourceSettings None { get; } = new(null, new Dictionary<string, string>());

    /// <summary>The simulated market of the run's policy (policy.simulator), for the simulator; not persisted: a resume reads it from the profile again.</summary>
    public MarketModel Market { get; init; } = MarketModel.Default;

    public string Required(string option, string source) => Options.TryGetValue(option, out var value)
        ? value
        : throw new SoakException("InvalidRunManifest", SoakErrorKind.InvalidData, $"A {source} run needs its {option}.", source);

    /// <summary>A duration option written as seconds; <paramref name="fallback"/> when absent, a clear error when not a positive number.</summary>
    public TimeSpan Seconds(string option, string source, TimeSpan? fallback = null)
    {
        if (!Options.TryGetValue(option, out var text) && fallback is { } absent)
        {
            return absent;
        }
        text ??= Required(option, source);
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && double.IsFinite(seconds) && seconds >= 0 && seconds <= TimeSpan.FromDays(365).TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new SoakException("InvalidRunManifest", SoakErrorKind.InvalidData, $"The {option} of a {source} run must be a number of seconds, not '{text}'.", source);
    }
}

/// <summary>What a source knows about the iteration it is asked for.</summary>
/// <param name="Iteration">1-based iteration number.</param>
/// <param name="Overrides">The parameters in force for this iteration (what runtime_overrides.json holds).</param>
/// <param name="ReportPath">Where an external bot must write its report (SOAK_EDGE_REPORT_PATH).</param>
/// <param name="Window">The iteration's window of market time.</param>
internal sealed record IterationContext(
    string RunId,
    int Iteration,
    int TotalIterations,
    ParameterSet Overrides,
    string OverridesPath,
    string ReportPath,
    string LogsPath,
    DateTimeOffset StartedUtc,
    TimeSpan Window)
{
    /// <summary>The run's copy of the previous iteration's report (what was consumed last), when there was one.</summary>
    public string? PreviousReportPath { get; init; }
}

/// <summary>The raw report text as received, or why there is none; plus annotations such as the mock's regime.</summary>
internal sealed record SourceResult(string? ReportText, string? FailureReason, IReadOnlyDictionary<string, string> Annotations)
{
    public static SourceResult Report(string text, IReadOnlyDictionary<string, string>? annotations = null) =>
        new(text, null, annotations ?? new Dictionary<string, string>());

    public static SourceResult Failure(string reason) => new(null, reason, new Dictionary<string, string>());

    public bool Failed => FailureReason is not null;
}
