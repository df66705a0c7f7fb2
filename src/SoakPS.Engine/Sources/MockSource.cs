
using SoakPS.Engine.EdgeReports;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Sources;

/// <summary>
/// The original plan's deterministic regime generator (docs/sources.md). It ignores the parameters by design: it exists so
/// runs and CI smoke tests have repeatable input; the closed-loop simulator is the source whose outcome depends on
/// tuning. Iteration n (i = n − 1) draws from its own seeded stream, so a resumed run gets the same reports.
/// </summary>
internal sealed class MockSource : IEdgeReportSource
{
    public const string SourceName = "mock";
    public const int DefaultSeed = 42;

    private readonly int _seed;

    public MockSource(int seed) => _seed = seed;

    public static IEdgeReportSource Create(SourceSettings settings) => new MockSource(settings.Seed ?? DefaultSeed);

    public string Name => SourceName;

    public SourceClock Clock => SourceClock.Market;

    public TimeSpan DefaultInterval => TimeSpan.Zero;

    public SourceSettings Settings => new(_seed, new Dictionary<string, string>());

    public Task<SourceResult> ObtainAsync(IterationContext context, CancellationToken cancellationToken)
    {
        var (metrics, counts, regime) = Generate(_seed, context.Iteration - 1);
        return Task.FromResult(SourceResult.Report(EdgeReportWriter.Write(metrics, counts, regime),
            new Dictionary<string, string> { ["regime"] = regime }));
    }

    public static (EdgeMetrics Metrics, IReadOnlyDictionary<string, int> BlockCounts, string Regime) Generate(int seed, int i)
    {
        var rng = SplitMix64.For(seed, i);
        var draw = rng.NextDouble();
        var regime = draw < 0.50 ? "calm" : draw < 0.75 ? "volatile" : "spike";
        double net, risk, adverse, slippage, latency;
        switch (regime)
        {
            case "calm":
                net = 3.0 + rng.Uniform(-0.2, 0.2); risk = 0.25 + rng.Uniform(0, 0.05);
                adverse = 1.5 + rng.Uniform(0, 0.5); slippage = 1.0 + rng.Uniform(0, 0.3); latency = rng.Uniform(180, 240);
                break;
            case "volatile":
                net = 2.5 + rng.Uniform(-0.5, 0.5); risk = 0.45 + rng.Uniform(0, 0.15);
                adverse = 3.0 + rng.Uniform(0, 1.0); slippage = 2.2 + rng.Uniform(0, 0.8); latency = rng.Uniform(220, 300);
                break;
            default:
                net = 1.8 + rng.Uniform(-1.0, 0.5); risk = 0.70 + rng.Uniform(0, 0.15);
                adverse = 5.5 + rng.Uniform(0, 2.0); slippage = 4.0 + rng.Uniform(0, 1.5); latency = rng.Uniform(280, 380);
                break;
        }
        if (i < 2)
        {
            // The first two iterations are problematic whatever was drawn, to force tuning.
            regime = "problematic";
            net = i == 0 ? -1.5 : -0.8; risk = 0.65; adverse = 5.0; slippage = 3.5;
        }
        else
        {
            // The plan's reading: the regime's risk decays by 17 % per iteration after the second, never below 0.30.
            risk = Math.Max(0.30, risk * Math.Pow(0.83, i - 2));
        }
        var makerShare = Math.Min(100.0, 90.0 + 0.5 * i);
        var metrics = new EdgeMetrics
        {
            NetBps = net,
            GrossBps = net + 2.0 + slippage + adverse / 2 + 0.5,
            FeesEffBps = 2.0,
            SlippageBps = slippage,
            AdverseBps = adverse / 2,
            InventoryBps = 0.5,
            AdverseBpsP95 = adverse,
            SlippageBpsP95 = slippage,
            OrderAgeP95Ms = 350 + rng.Int(-30, 30),
            WsLagP95Ms = Math.Min(250, 95 + 5 * i + rng.Int(-10, 10)),
            P95LatencyMs = latency,
            CancelRatio = Math.Max(0.05, 0.60 - 0.05 * i),
            MakerSharePct = makerShare,
            MakerTakerRatio = makerShare / Math.Max(0.5, 100.0 - makerShare),
            RiskRatio = risk,
            MinIntervalRatio = 0.2,
            ConcurrencyRatio = 0.12,
            ThrottleRatio = 0.0,
            NegEdgeDrivers = slippage > 2.5 ? new[] { "slippage_bps" } : Array.Empty<string>(),
        };
        var counts = new Dictionary<string, int>
        {
            ["min_interval"] = 5, ["concurrency"] = 3, ["risk"] = (int)Math.Round(risk * 25, MidpointRounding.AwayFromZero), ["throttle"] = 0,
        };
        return (metrics, counts, regime);
    }

    public void Dispose() { }
}
