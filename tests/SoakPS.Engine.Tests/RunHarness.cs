using SoakPS.Engine.Files;
using SoakPS.Engine.Json;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Sources;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Tests;

/// <summary>A temporary artifact root and helpers to run the engine's soak loop over it and read the results.</summary>
internal sealed class RunHarness : IDisposable
{
    public RunHarness()
        : this(Path.Combine(Path.GetTempPath(), "soakps-engine-tests", Guid.NewGuid().ToString("N")))
    {
    }

    /// <summary>An artifact root at a chosen place (for example on a small file system a test fills).</summary>
    public RunHarness(string root)
    {
        Root = root;
        Layout = new ArtifactLayout(Root);
    }

    public string Root { get; }
    public ArtifactLayout Layout { get; }
    public TestClock Clock { get; } = new();
    public List<RunEvent> Events { get; } = new();

    public static ParameterSet Profile(string name) => name switch
    {
        "steady_safe" => Set(0.16m, 0.08m, 0.12m, 75m, 260m, 740m),
        "ultra_safe" => Set(0.16m, 0.08m, 0.12m, 80m, 240m, 700m),
        "aggressive" => Set(0.10m, 0.12m, 0.16m, 50m, 320m, 500m),
        _ => ParameterCatalog.Default.Defaults(),
    };

    public static ParameterSet Set(decimal spread, decimal impact, decimal maxDelta, decimal interval, decimal replace, decimal tail) => new(new Dictionary<string, decimal>
    {
        ["base_spread_bps_delta"] = spread, ["impact_cap_ratio"] = impact, ["max_delta_ratio"] = maxDelta,
        ["min_interval_ms"] = interval, ["replace_rate_per_min"] = replace, ["tail_age_ms"] = tail,
    });

    public SoakRunOptions Options(IEdgeReportSource source, int iterations, ParameterSet? initial = null, bool autoTune = true) => new()
    {
        Source = source,
        Iterations = iterations,
        AutoTune = autoTune,
        // The run and guard tests were written for the rule table; the regime tuner has its own tests.
        Tuner = new RulesTuner(),
        InitialOverrides = initial ?? ParameterCatalog.Default.Defaults(),
        ProfileValues = Profile,
        Clock = Clock,
    };

    public List<RunEvent> Run(SoakRunOptions options, CancellationToken cancellationToken = default)
    {
        var events = SoakRunner.Execute(Layout, options, cancellationToken).ToList();
        Events.AddRange(events);
        return events;
    }

    public List<IterationSummary> Summaries() => IterationFiles.List(Layout.Latest)
        .Select(f => SoakJson.Deserialize<IterationSummary>(AtomicFile.ReadAllText(f.Path))).ToList();

    public ParameterSet LiveOverrides() => new OverridesFile(Layout).Read(ParameterCatalog.Default).Values!;

    public RunManifest Manifest() => SoakJson.Deserialize<RunManifest>(File.ReadAllText(Layout.LatestRun.RunManifest));

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
