using SoakPS.Engine.Guards;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Tests.Defects;

/// <summary>Two defects once found in a run's story: panic outcomes that contradicted the file, and -Verbose out of order.</summary>
public class RunStoryDefects
{
    [Fact]
    public void In_a_panic_revert_each_outcome_says_what_happened_to_the_parameter_and_the_proposal_is_kept_apart()
    {
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.RiskHigh }), 4, RunHarness.Profile("aggressive")));
        var panic = h.Summaries()[2];
        Assert.True(panic.Tuning.Guards["panic"]);
        var before = h.Summaries()[1].Tuning.Overrides;

        Assert.NotEmpty(panic.Tuning.ProposedDeltas);
        Assert.True(panic.Tuning.Applied);
        foreach (var (name, value) in panic.Tuning.Overrides.Where(kv => before[kv.Key] != kv.Value))
        {
            var outcome = panic.Tuning.Outcomes[name];
            Assert.Equal(ParameterStatus.Panic, outcome.Status);
            Assert.Equal(before[name], outcome.Old);
            Assert.Equal(value, outcome.New);
            Assert.True(outcome.Changed);
        }
        // Every outcome agrees with the file the iteration left.
        Assert.All(panic.Tuning.Outcomes.Values, o => Assert.Equal(panic.Tuning.Overrides[o.Parameter], o.New));
        // The blocked proposal is still recorded, as proposed deltas.
        Assert.All(panic.Tuning.ProposedDeltas, d => Assert.Equal(d.Value, panic.Tuning.Outcomes[d.Key].Proposed));
    }

    [Fact]
    public void Verbose_messages_follow_the_order_of_events()
    {
        using var h = new RunHarness();
        var options = h.Options(new ListSource(new[] { ReportTexts.RiskHigh }), 2);
        var messages = h.Run(options with { Policy = options.Policy with { Guards = options.Policy.Guards with { PanicFailStreak = 100 } } })
            .Where(e => e is RunVerbose or RunWarning)
            .Select(e => e is RunVerbose v ? v.Message : ((RunWarning)e).Message).ToList();

        var applied = messages.FindIndex(m => m.StartsWith("Iteration 1: FAIL, applied", StringComparison.Ordinal));
        var cooldown = messages.FindIndex(m => m.StartsWith("Iteration 1:", StringComparison.Ordinal) && m.Contains("no apply for the rest of the run"));
        var next = messages.FindIndex(m => m.StartsWith("Iteration 2:", StringComparison.Ordinal));
        Assert.True(applied >= 0 && cooldown >= 0, string.Join("\n", messages));
        Assert.True(applied < cooldown, "the apply is told before the cooldown it starts");
        Assert.True(cooldown < next, "iteration 1's story ends before iteration 2's begins");
    }
}
