using SoakPS.Engine.Parameters;
using SoakPS.Engine.Sources.Simulation;

namespace SoakPS.Engine.Tests.Simulation;

/// <summary>SPEC §5.2's required responses, each over 50 seeds with the tuner off, from the reports' raw counts.</summary>
public class SimulatorResponseTests
{
    [Fact]
    public void Wider_spread_gives_fewer_fills_and_less_adverse_selection_per_fill()
    {
        var narrow = SimulatedSeeds.Along(SimulatedSeeds.Defaults("base_spread_bps_delta", 0.08m));
        var wide = SimulatedSeeds.Along(SimulatedSeeds.Defaults("base_spread_bps_delta", 0.25m));

        Assert.True(wide.Sum(r => r.Fills) < narrow.Sum(r => r.Fills));
        Assert.True(wide.Sum(r => r.AdverseUsd) / wide.Sum(r => r.Fills) < narrow.Sum(r => r.AdverseUsd) / narrow.Sum(r => r.Fills));
    }

    [Fact]
    public void Longer_min_interval_gives_more_min_interval_blocks_and_older_quotes()
    {
        var fast = SimulatedSeeds.Along(SimulatedSeeds.Defaults("min_interval_ms", 40m));
        var slow = SimulatedSeeds.Along(SimulatedSeeds.Defaults("min_interval_ms", 80m));

        Assert.True(slow.Sum(r => r.MinIntervalBlocks) > fast.Sum(r => r.MinIntervalBlocks));
        // A blocked requote leaves the quote standing until the next book update: the mean age grows; the p95 is set by tail_age_ms.
        Assert.True(slow.Average(r => r.OrderAgeMeanMs) > fast.Average(r => r.OrderAgeMeanMs));
        Assert.True(slow.Average(r => r.Metrics.OrderAgeP95Ms!.Value) >= fast.Average(r => r.Metrics.OrderAgeP95Ms!.Value) - 5);
    }

    [Fact]
    public void Smaller_impact_cap_gives_less_inventory_risk_and_less_gross_edge()
    {
        var small = SimulatedSeeds.Along(SimulatedSeeds.Defaults("impact_cap_ratio", 0.08m));
        var large = SimulatedSeeds.Along(SimulatedSeeds.Defaults("impact_cap_ratio", 0.12m));

        Assert.True((double)small.Sum(r => r.RiskBlocks) / small.Sum(r => r.QuoteAttempts) < (double)large.Sum(r => r.RiskBlocks) / large.Sum(r => r.QuoteAttempts));
        Assert.True(small.Sum(r => r.GrossUsd) < large.Sum(r => r.GrossUsd));
    }

    [Fact]
    public void Spike_has_more_inventory_risk_and_adverse_selection_than_calm()
    {
        var defaults = ParameterCatalog.Default.Defaults();
        var calm = SimulatedSeeds.In(MarketRegime.Calm, defaults);
        var spike = SimulatedSeeds.In(MarketRegime.Spike, defaults);

        Assert.True((double)spike.Sum(r => r.RiskBlocks) / spike.Sum(r => r.QuoteAttempts) > (double)calm.Sum(r => r.RiskBlocks) / calm.Sum(r => r.QuoteAttempts));
        Assert.True(spike.Sum(r => r.AdverseUsd) / spike.Sum(r => r.Fills) > calm.Sum(r => r.AdverseUsd) / calm.Sum(r => r.Fills));
        Assert.All(spike, r => Assert.Equal("spike", r.Regime));
    }

    [Theory]
    [InlineData("steady_safe")]
    [InlineData("ultra_safe")]
    [InlineData("aggressive")]
    public void Every_built_in_profile_is_beaten_on_net_bps_in_some_regime(string profile)
    {
        static double MeanNet(MarketRegime regime, Profile p) =>
            SimulatedSeeds.In(regime, new ParameterSet(p.Parameters)).Average(r => r.Metrics.NetBps!.Value);

        var self = BuiltInProfiles.All.Single(p => p.Name == profile);
        var beaten = Enum.GetValues<MarketRegime>().Where(regime =>
            BuiltInProfiles.All.Where(p => p != self).Any(other => MeanNet(regime, other) > MeanNet(regime, self))).ToList();

        Assert.NotEmpty(beaten);
    }
}
