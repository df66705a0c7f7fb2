using System.Globalization;

namespace SoakPS.Engine.Sources;

// Interim (replaced by the reports branch).
public sealed class MockSource : IEdgeReportSource
{
    private readonly int _seed;
    public MockSource(int seed) => _seed = seed;
    public string Name => "mock";
    public Task<SourceResult> ObtainAsync(IterationContext context, CancellationToken cancellationToken)
    {
        var i = context.Iteration - 1;
        var risk = i < 2 ? 0.65 : Math.Max(0.30, 0.65 * Math.Pow(0.83, i));
        var net = i == 0 ? -1.5 : i == 1 ? -0.8 : 3.0;
        return Task.FromResult(SourceResult.Report(string.Create(CultureInfo.InvariantCulture,
            $"{{\"totals\":{{\"net_bps\":{net},\"risk_ratio\":{risk},\"adverse_bps_p95\":2,\"slippage_bps_p95\":1,\"cancel_ratio\":0.3,\"p95_latency_ms\":200,\"maker_taker_ratio\":1.1}}}}")));
    }
    public void Dispose() { }
}
