using SoakPS.Engine.EdgeReports;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Sources;

namespace SoakPS.Engine.Tests.Reports;

public class MockSourceTests
{
    private static string Report(int seed, int iteration)
    {
        using var source = new MockSource(seed);
        var context = new IterationContext("run", iteration, 100, ParameterCatalog.Default.Defaults(), "o", "r", "l", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(5));
        return source.ObtainAsync(context, CancellationToken.None).Result.ReportText!;
    }

    [Fact]
    public void The_same_seed_gives_byte_identical_reports()
    {
        for (var n = 1; n <= 50; n++)
        {
            Assert.Equal(Report(42, n), Report(42, n));
        }
    }

    [Fact]
    public void Different_seeds_give_different_regimes()
    {
        var a = Enumerable.Range(2, 30).Select(i => MockSource.Generate(42, i).Regime).ToList();
        var b = Enumerable.Range(2, 30).Select(i => MockSource.Generate(7, i).Regime).ToList();
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void The_first_two_iterations_are_problematic()
    {
        var (m0, counts, regime) = MockSource.Generate(42, 0);
        Assert.Equal("problematic", regime);
        Assert.Equal(-1.5, m0.NetBps);
        Assert.Equal(0.65, m0.RiskRatio);
        Assert.Equal(5.0, m0.AdverseBpsP95);
        Assert.Equal(3.5, m0.SlippageBpsP95);
        Assert.Equal(16, counts["risk"]);
        Assert.Equal(-0.8, MockSource.Generate(42, 1).Metrics.NetBps);
        Assert.Contains("slippage_bps", m0.NegEdgeDrivers);
    }

    [Fact]
    public void Regimes_follow_the_stated_frequencies()
    {
        var regimes = Enumerable.Range(2, 10_000).Select(i => MockSource.Generate(42, i).Regime).ToList();
        Assert.InRange(regimes.Count(r => r == "calm") / 10_000.0, 0.47, 0.53);
        Assert.InRange(regimes.Count(r => r == "volatile") / 10_000.0, 0.22, 0.28);
        Assert.InRange(regimes.Count(r => r == "spike") / 10_000.0, 0.22, 0.28);
    }

    [Fact]
    public void Formulas_of_the_plan_hold()
    {
        for (var i = 2; i < 300; i++)
        {
            var (m, counts, regime) = MockSource.Generate(3, i);
            Assert.Equal(Math.Max(0.05, 0.60 - 0.05 * i), m.CancelRatio!.Value, 10);
            Assert.Equal(Math.Min(100, 90 + 0.5 * i), m.MakerSharePct!.Value, 10);
            Assert.InRange(m.OrderAgeP95Ms!.Value, 320, 380);
            Assert.InRange(m.WsLagP95Ms!.Value, 0, 250);
            Assert.InRange(m.RiskRatio!.Value, 0.30, 0.85);
            Assert.Equal((int)Math.Round(m.RiskRatio.Value * 25, MidpointRounding.AwayFromZero), counts["risk"]);
            Assert.Equal(m.SlippageBpsP95 > 2.5, m.NegEdgeDrivers.Contains("slippage_bps"));
            if (regime == "calm") Assert.InRange(m.NetBps!.Value, 2.8, 3.2);
            if (regime == "spike") Assert.InRange(m.AdverseBpsP95!.Value, 5.5, 7.5);
        }
        // Decay: a spike late in the run has its risk pulled toward the 0.30 floor.
        Assert.Equal(0.30, MockSource.Generate(3, 200).Metrics.RiskRatio);
    }

    [Fact]
    public void Every_mock_report_reads_back_valid_with_the_values_written()
    {
        for (var i = 0; i < 200; i++)
        {
            var (m, _, _) = MockSource.Generate(42, i);
            var read = EdgeReportReader.Read(Report(42, i + 1));
            Assert.True(read.IsValid, read.InvalidReason);
            Assert.Equal(Math.Round(m.NetBps!.Value, 6), read.Metrics!.NetBps);
            Assert.Equal(Math.Round(m.RiskRatio!.Value, 6), read.Metrics.RiskRatio);
            Assert.Equal(Math.Round(m.SlippageBpsP95!.Value, 6), read.Metrics.SlippageBpsP95);
            Assert.Equal(m.NegEdgeDrivers, read.Metrics.NegEdgeDrivers);
        }
    }
}
