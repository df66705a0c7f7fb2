using SoakPS.Engine.Guards;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Tests;

/// <summary>The guard state is copied for every decision: a copy must serialise the same and share nothing that changes.</summary>
public class TuningStateTests
{
    [Fact]
    public void A_cloned_guard_state_is_equal_and_independent()
    {
        var state = new TuningState
        {
            RunId = "r", Iteration = 7, MarketTime = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), LastAppliedIteration = 6,
            PanicStreak = 1, PausedUntil = 9, FreezeStreak = 2, FrozenUntil = 11, CooldownUntil = 8,
            LastGood = new LastGood(5, new Dictionary<string, decimal> { ["min_interval_ms"] = 75m }),
        };
        state.Holds["tail_age_ms"] = 10;
        state.History["min_interval_ms"] = new List<decimal> { 70m, 75m };
        state.Velocity.Add(new VelocityEntry("min_interval_ms", state.MarketTime, 5m));
        state.RuleStreaks["risk_high"] = 3;
        state.Count("applies");

        var clone = state.Clone();
        Assert.Equal(SoakPS.Engine.Records.SoakJson.Serialize(state), SoakPS.Engine.Records.SoakJson.Serialize(clone));

        clone.Holds["impact_cap_ratio"] = 12;
        clone.History["min_interval_ms"].Add(80m);
        clone.Velocity.Clear();
        clone.RuleStreaks["risk_high"] = 4;
        clone.Count("applies");
        Assert.Single(state.Holds);
        Assert.Equal(2, state.History["min_interval_ms"].Count);
        Assert.Single(state.Velocity);
        Assert.Equal(3, state.RuleStreaks["risk_high"]);
        Assert.Equal(1, state.Counters["applies"]);
    }
}
