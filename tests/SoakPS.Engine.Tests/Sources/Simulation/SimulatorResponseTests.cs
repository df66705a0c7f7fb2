using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Sources.Simulation;

namespace SoakPS.Engine.Tests.Simulation;

/// <summary>
/// docs/simulator.md's required responses with the tuner off, from the reports' raw counts, over 50 seeds compared seed by seed
/// (both arms meet the same market). Each asserts a margin, not just the sign of a total: the response holds in (nearly)
/// every seed, or its paired t statistic is at least 3. docs/simulator.md gives the measured values.
/// </summary>
public class SimulatorResponseTests
{
    private const double ClearT = 3;

    [Fact]
    public void Wider_spread_gives_fewer_fills_in_every_seed()
    {
        var narrow = SimulatedSeeds.Along(SimulatedSeeds.Defaults("base_spread_bps_delta", 0.08m));
        var wide = SimulatedSeeds.Along(SimulatedSeeds.Defaults("base_spread_bps_delta", 0.25m));

        var fills = PairedResponse.Of(narrow, wide, r => r.Sum(x => x.Fills));
        Assert.True(fills.Greater == SimulatedSeeds.Seeds && fills.T >= ClearT, fills.ToString());
    }

    [Theory]
    [InlineData(nameof(MarketRegime.Calm))]
    [InlineData(nameof(MarketRegime.Volatile))]
    [InlineData(nameof(MarketRegime.Spike))]
    public void Wider_spread_gives_fewer_fills_and_keeps_more_of_the_spread_after_adverse_selection_in_each_regime(string regimeName)
    {
        var regime = Enum.Parse<MarketRegime>(regimeName);
        var narrow = SimulatedSeeds.In(regime, SimulatedSeeds.Defaults("base_spread_bps_delta", 0.08m));
        var wide = SimulatedSeeds.In(regime, SimulatedSeeds.Defaults("base_spread_bps_delta", 0.25m));

        var fills = PairedResponse.Of(narrow, wide, r => r.Sum(x => x.Fills));
        Assert.True(fills.Greater >= SimulatedSeeds.Seeds * 9 / 10 && fills.T >= ClearT, fills.ToString());
        var kept = PairedResponse.Of(wide, narrow, PairedResponse.KeptPerVolume);
        Assert.True(kept.Greater >= SimulatedSeeds.Seeds * 9 / 10 && kept.T >= ClearT, kept.ToString());
    }

    [Fact]
    public void Wider_spread_gives_a_smaller_adverse_move_per_fill_in_a_calm_market()
    {
        // Only in calm: where informed flow is common the fills a wider quote keeps are the more informed ones (docs/simulator.md).
        var narrow = SimulatedSeeds.In(MarketRegime.Calm, SimulatedSeeds.Defaults("base_spread_bps_delta", 0.08m));
        var wide = SimulatedSeeds.In(MarketRegime.Calm, SimulatedSeeds.Defaults("base_spread_bps_delta", 0.25m));

        var move = PairedResponse.Of(narrow, wide, PairedResponse.AdverseMovePerFill);
        Assert.True(move.T >= ClearT, move.ToString());
        var adverse = PairedResponse.Of(narrow, wide, PairedResponse.AdversePerFill);
        Assert.True(adverse.T >= ClearT, adverse.ToString());
    }

    [Fact]
    public void Longer_min_interval_gives_more_min_interval_blocks_and_older_quotes_in_every_seed()
    {
        var fast = SimulatedSeeds.Along(SimulatedSeeds.Defaults("min_interval_ms", 40m));
        var slow = SimulatedSeeds.Along(SimulatedSeeds.Defaults("min_interval_ms", 80m));

        var blocks = PairedResponse.Of(slow, fast, r => r.Sum(x => x.MinIntervalBlocks));
        Assert.True(blocks.Greater == SimulatedSeeds.Seeds && blocks.T >= ClearT, blocks.ToString());
        // A blocked requote leaves the quote standing until the next book update: the mean age grows; the p95 is set by tail_age_ms.
        var age = PairedResponse.Of(slow, fast, r => r.Average(x => x.OrderAgeMeanMs));
        Assert.True(age.Greater == SimulatedSeeds.Seeds && age.T >= ClearT, age.ToString());
    }

    [Fact]
    public void Smaller_impact_cap_gives_less_inventory_risk_and_less_gross_edge()
    {
        var small = SimulatedSeeds.Along(SimulatedSeeds.Defaults("impact_cap_ratio", 0.08m));
        var large = SimulatedSeeds.Along(SimulatedSeeds.Defaults("impact_cap_ratio", 0.12m));

        var risk = PairedResponse.Of(large, small, PairedResponse.RiskRatio);
        Assert.True(risk.Greater == SimulatedSeeds.Seeds && risk.T >= ClearT, risk.ToString());
        var gross = PairedResponse.Of(large, small, r => r.Sum(x => x.GrossUsd));
        Assert.True(gross.Greater >= SimulatedSeeds.Seeds * 9 / 10 && gross.T >= ClearT, gross.ToString());
    }

    [Theory]
    [InlineData(nameof(MarketRegime.Calm))]
    [InlineData(nameof(MarketRegime.Volatile))]
    [InlineData(nameof(MarketRegime.Spike))]
    public void Smaller_impact_cap_gives_less_inventory_risk_in_each_regime(string regimeName)
    {
        var regime = Enum.Parse<MarketRegime>(regimeName);
        // The gross-edge half is asserted over the chain only: inside a spike it reverses (docs/simulator.md).
        var small = SimulatedSeeds.In(regime, SimulatedSeeds.Defaults("impact_cap_ratio", 0.08m));
        var large = SimulatedSeeds.In(regime, SimulatedSeeds.Defaults("impact_cap_ratio", 0.12m));

        var risk = PairedResponse.Of(large, small, PairedResponse.RiskRatio);
        Assert.True(risk.Greater == SimulatedSeeds.Seeds && risk.T >= ClearT, risk.ToString());
    }

    [Fact]
    public void Spike_has_more_inventory_risk_and_adverse_selection_than_calm_in_every_seed()
    {
        var defaults = ParameterCatalog.Default.Defaults();
        var calm = SimulatedSeeds.In(MarketRegime.Calm, defaults);
        var spike = SimulatedSeeds.In(MarketRegime.Spike, defaults);

        var risk = PairedResponse.Of(spike, calm, PairedResponse.RiskRatio);
        Assert.True(risk.Greater == SimulatedSeeds.Seeds && risk.T >= ClearT, risk.ToString());
        var adverse = PairedResponse.Of(spike, calm, PairedResponse.AdversePerFill);
        Assert.True(adverse.Greater == SimulatedSeeds.Seeds && adverse.T >= ClearT, adverse.ToString());
        Assert.All(spike.SelectMany(r => r), r => Assert.Equal("spike", r.Regime));
    }

    [Trait("Category", "Slow")]
    [Theory]
    [InlineData("steady_safe")]
    [InlineData("ultra_safe")]
    [InlineData("aggressive")]
    public void Every_built_in_profile_is_clearly_beaten_on_net_bps_in_some_regime(string profile)
    {
        static List<SimulatedReport[]> In(MarketRegime regime, Profile p) => SimulatedSeeds.In(regime, new ParameterSet(p.Parameters));

        var self = BuiltInProfiles.All.Single(p => p.Name == profile);
        var beatenBy = Enum.GetValues<MarketRegime>()
            .SelectMany(regime => BuiltInProfiles.All.Where(p => p != self)
                .Select(other => (regime, other.Name, Net: PairedResponse.Of(In(regime, other), In(regime, self), r => r[0].Metrics.NetBps!.Value))))
            .ToList();

        Assert.True(beatenBy.Any(b => b.Net.T >= ClearT), string.Join("; ", beatenBy.Select(b => $"{b.Name} vs {profile} in {b.regime}: {b.Net}")));
    }
}
