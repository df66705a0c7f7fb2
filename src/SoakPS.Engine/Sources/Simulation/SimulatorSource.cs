using SoakPS.Engine.Sources.Simulation;

namespace SoakPS.Engine.Sources;

/// <summary>
/// The closed-loop simulator as a source (docs/simulator.md): iteration n simulates the iteration's window of market time in
/// the regime the seeded chain gives n, with the parameters in force. Window n depends only on (seed, n, regime,
/// parameters), so a resumed run and a re-run produce the same bytes.
/// </summary>
internal sealed class SimulatorSource : IEdgeReportSource
{
    public const string SourceName = "simulate";
    public const int DefaultSeed = 42;
    public const double DefaultIterationMinutes = 15;

    private readonly int _seed;
    private readonly MarketSimulator _simulator;
    private readonly RegimeChain _regimes;
    private readonly SimulatedWindows? _shared;

    /// <param name="shared">Windows of the same market other runs of this seed may already have simulated (a study's arms).</param>
    public SimulatorSource(int seed, MarketModel? model = null, SimulatedWindows? shared = null)
    {
        _seed = seed;
        _simulator = new MarketSimulator(model ?? MarketModel.Default);
        _regimes = new RegimeChain(seed, _simulator.Model.Transitions);
        _shared = shared;
    }

    /// <summary>The market is the policy's (policy.simulator of the run's profile), the default one otherwise.</summary>
    public static IEdgeReportSource Create(SourceSettings settings) => new SimulatorSource(settings.Seed ?? DefaultSeed, settings.Market);

    public string Name => SourceName;

    public SourceClock Clock => SourceClock.Market;

    public TimeSpan DefaultInterval => TimeSpan.Zero;

    public SourceSettings Settings => new(_seed, new Dictionary<string, string>());

    /// <summary>The last window simulated (for benchmarks and the canary's event count).</summary>
    public WindowResult? LastWindow { get; private set; }

    /// <summary>A simulated run ends with its canary report (latest/CANARY_REPORT.md and .json).</summary>

    public MarketRegime RegimeAt(int iteration) => _regimes.At(iteration);

    public Task<SourceResult> ObtainAsync(IterationContext context, CancellationToken cancellationToken)
    {
        var regime = _regimes.At(context.Iteration);
        var settings = QuoteSettings.From(context.Overrides);
        WindowResult Simulate() => _simulator.Run(_seed, context.Iteration, regime, settings, context.Window, cancellationToken);
        var window = _shared is null ? Simulate() : _shared.GetOrSimulate(_seed, context.Iteration, regime, settings, context.Window, Simulate);
        LastWindow = window;
        return Task.FromResult(SourceResult.Report(SimulationReport.Write(window),
            new Dictionary<string, string> { ["regime"] = regime.ToString().ToLowerInvariant() }));
    }

    public void Dispose() { }
}
