using SoakPS.Engine.Guards;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Tests.Tuning;

/// <summary>The regime tuner alone (classification, proposals) and driven through the loop and the guards.</summary>
public class RegimeTunerTests
{
    // adverse_bps_p95 picks the class: ≤ 3 calm, ≤ 7.5 volatile, else spike. Every KPI OK but adverse, so no panic.
    private static readonly string CalmWindow = ReportTexts.Make(net: 3.0, risk: 0.30, adverse: 1.0);
    private static readonly string VolatileWindow = ReportTexts.Make(net: 3.0, risk: 0.30, adverse: 5.8);
    private static readonly string SpikeWindow = ReportTexts.Make(net: 3.0, risk: 0.30, adverse: 9.0);

    private static ParameterSet PresetOf(string name) => new(BuiltInPresets.Classes.Single(c => c.Name == name).Preset);

    private static SoakRunOptions Regime(RunHarness h, IEnumerable<string> reports, Func<GuardPolicy, GuardPolicy>? guards = null)
    {
        var list = reports.ToList();
        var options = h.Options(new ListSource(list), list.Count + 1) with { Tuner = new RegimeTuner() };
        return guards is null ? options : options with { Policy = options.Policy with { Guards = guards(options.Policy.Guards) } };
    }

    private static Proposal Propose(EdgeMetrics metrics, ParameterSet current, TuningState? state = null) =>
        new RegimeTuner().Propose(new TuningInput(metrics, current, ParameterCatalog.Default, SoakPolicy.Default.Rules, SoakPolicy.Default.Tuner, state ?? new TuningState()));

    [Theory]
    [InlineData(0.5, "calm")]
    [InlineData(3.0, "calm")]
    [InlineData(3.01, "volatile")]
    [InlineData(7.5, "volatile")]
    [InlineData(9.0, "spike")]
    public void A_window_is_classified_by_the_first_class_whose_conditions_hold(double adverseP95, string expected)
    {
        var index = RegimeTuner.Classify(BuiltInPresets.Classes, new EdgeMetrics { AdverseBpsP95 = adverseP95 });
        Assert.Equal(expected, BuiltInPresets.Classes[index].Name);
    }

    [Fact]
    public void A_report_without_the_metric_falls_to_the_last_and_most_defensive_class()
    {
        Assert.Equal(BuiltInPresets.Classes.Count - 1, RegimeTuner.Classify(BuiltInPresets.Classes, new EdgeMetrics { NetBps = 3 }));
    }

    [Fact]
    public void The_first_proposal_moves_every_parameter_to_the_class_preset_as_a_switch()
    {
        var current = ParameterCatalog.Default.Defaults();
        var p = Propose(new EdgeMetrics { AdverseBpsP95 = 9 }, current);
        var spike = PresetOf("spike");
        Assert.Equal("spike", p.Preset);
        Assert.Equal(new PresetSwitch(null, "spike", 1), p.Switch);
        foreach (var (name, delta) in p.Deltas)
        {
            Assert.Equal(spike[name], current[name] + delta);
        }
        Assert.Equal(spike.Values.Count(kv => current[kv.Key] != kv.Value), p.Deltas.Count);
    }

    [Fact]
    public void At_the_preset_of_the_same_class_it_proposes_nothing()
    {
        var p = Propose(new EdgeMetrics { AdverseBpsP95 = 1 }, PresetOf("calm"), new TuningState { TunerClass = "calm" });
        Assert.True(p.IsEmpty);
        Assert.Null(p.Switch);
        Assert.Equal("stable", p.Rationale);
    }

    [Fact]
    public void A_calmer_class_is_a_relaxing_switch()
    {
        var p = Propose(new EdgeMetrics { AdverseBpsP95 = 1 }, PresetOf("spike"), new TuningState { TunerClass = "spike" });
        Assert.Equal(new PresetSwitch("spike", "calm", -1), p.Switch);
    }

    [Fact]
    public void In_a_run_every_apply_lands_exactly_on_a_preset_and_never_ratchets()
    {
        using var h = new RunHarness();
        var rng = new Random(7);
        var windows = new[] { CalmWindow, VolatileWindow, SpikeWindow };
        var reports = Enumerable.Range(0, 60).Select(_ => windows[rng.Next(3)]).ToList();
        h.Run(Regime(h, reports, g => g with { CooldownSwitchIterations = 0, OscillationMaxReversalsPerHour = 1000, VelocityMaxSwitches = 1000 }));
        var presets = BuiltInPresets.Classes.Select(c => new ParameterSet(c.Preset)).ToList();
        var applied = h.Summaries().Where(s => s.Tuning.Applied).ToList();
        Assert.True(applied.Count > 10, $"only {applied.Count} applies");
        Assert.All(applied, s => Assert.Contains(new ParameterSet(s.Tuning.Overrides), presets));
    }

    [Fact]
    public void The_class_seen_last_decides_the_next_window_values()
    {
        using var h = new RunHarness();
        h.Run(Regime(h, new[] { SpikeWindow, SpikeWindow, CalmWindow }, g => g with { CooldownSwitchIterations = 0 }));
        var s = h.Summaries();
        Assert.Equal(PresetOf("spike"), new ParameterSet(s[0].Tuning.Overrides));
        Assert.True(s[1].Tuning.SkipReason == "stable", s[1].Tuning.SkipReason);
        Assert.Equal(PresetOf("calm"), new ParameterSet(s[2].Tuning.Overrides));
    }

    [Fact]
    public void After_a_switch_the_cooldown_holds_the_next_switch_for_one_iteration()
    {
        using var h = new RunHarness();
        // 1 calm: start → calm preset (a switch: 2 is held); 3 volatile: → volatile; 4 spike: held by the cooldown; 5 spike: → spike.
        h.Run(Regime(h, new[] { CalmWindow, VolatileWindow, VolatileWindow, SpikeWindow, SpikeWindow, CalmWindow }));
        var s = h.Summaries();
        Assert.Equal(PresetOf("calm"), new ParameterSet(s[0].Tuning.Overrides));
        Assert.Equal("cooldown", s[1].Tuning.SkipReason);
        Assert.Equal(PresetOf("volatile"), new ParameterSet(s[2].Tuning.Overrides));
        Assert.Equal("cooldown", s[3].Tuning.SkipReason);
        Assert.Equal(PresetOf("volatile"), new ParameterSet(s[3].Tuning.Overrides));
        Assert.Equal(PresetOf("spike"), new ParameterSet(s[4].Tuning.Overrides));
    }

    [Fact]
    public void Without_a_cooldown_a_return_to_the_calm_preset_is_not_blocked_by_the_oscillation_guard()
    {
        using var h = new RunHarness();
        h.Run(Regime(h, new[] { CalmWindow, VolatileWindow, CalmWindow, CalmWindow }, g => g with { CooldownSwitchIterations = 0 }));
        var s = h.Summaries();
        Assert.Equal(PresetOf("calm"), new ParameterSet(s[2].Tuning.Overrides));
        Assert.All(s, x => Assert.False(x.Tuning.Guards["oscillation"]));
    }

    [Fact]
    public void More_switches_back_than_the_hourly_limit_hold_the_preset()
    {
        using var h = new RunHarness();
        // Five-minute windows: calm/volatile alternate, each switch back to the class just left is a reversal.
        var flapping = Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? CalmWindow : VolatileWindow);
        var events = h.Run(Regime(h, flapping, g => g with { CooldownSwitchIterations = 0, VelocityMaxSwitches = 1000, OscillationMaxReversalsPerHour = 2 }));
        var s = h.Summaries();
        var blocked = s.First(x => x.Tuning.SkipReason == "oscillation");
        // Switches at 1 (start), 2, 3 (reversal 1), 4 (reversal 2): the third reversal, at 5, is held.
        Assert.Equal(5, blocked.Iteration);
        Assert.Contains(events.OfType<RunWarning>(), w => w.Message.Contains("switch back"));
        Assert.Equal(s[3].Tuning.Overrides, blocked.Tuning.Overrides);
    }

    [Fact]
    public void Velocity_bounds_the_number_of_switches_in_its_window_not_their_size()
    {
        using var h = new RunHarness();
        var alternating = Enumerable.Range(0, 6).Select(i => i % 2 == 0 ? CalmWindow : SpikeWindow);
        var events = h.Run(Regime(h, alternating, g => g with { CooldownSwitchIterations = 0, OscillationMaxReversalsPerHour = 1000, VelocityMaxSwitches = 3 }));
        var s = h.Summaries();
        // Each switch moves max_delta_ratio by 0.04 or more, past its size budget (0.04 an hour) at once: only the count binds.
        Assert.True(s[0].Tuning.Applied && s[1].Tuning.Applied && s[2].Tuning.Applied);
        Assert.Equal("velocity", s[3].Tuning.SkipReason);
        Assert.Contains(events.OfType<RunWarning>(), w => w.Message.Contains("switches already made"));
    }

    [Fact]
    public void A_freeze_does_not_hold_a_class_change()
    {
        using var h = new RunHarness();
        // Calm, profitable windows enter a freeze; then a spike window switches presets, impact cap and max delta included.
        h.Run(Regime(h, new[] { CalmWindow, CalmWindow, CalmWindow, SpikeWindow }, g => g with { CooldownSwitchIterations = 0 }));
        var s = h.Summaries();
        Assert.True(s[3].Tuning.Guards["freeze"]);
        Assert.Equal(PresetOf("spike"), new ParameterSet(s[3].Tuning.Overrides));
    }

    [Fact]
    public void A_guard_that_blocks_one_parameter_of_a_preset_keeps_the_whole_preset_out()
    {
        // A freeze holds impact cap and max delta; the values drifted from the calm preset (an operator's change), and the return
        // to it within the same class is not a switch: the freeze blocks two parameters, so none of the six moves.
        var start = RunHarness.Set(0.14m, 0.09m, 0.14m, 70m, 260m, 650m);
        var state = new TuningState { TunerClass = "calm", FrozenUntil = 10 };
        var context = new GuardContext(1, false, DateTimeOffset.UnixEpoch, start,
            new RegimeTuner().Propose(new TuningInput(new EdgeMetrics { AdverseBpsP95 = 1 }, start, ParameterCatalog.Default, SoakPolicy.Default.Rules, SoakPolicy.Default.Tuner, state)),
            new EdgeMetrics { AdverseBpsP95 = 1, RiskRatio = 0.3, NetBps = 3 }, new Kpi.KpiResult(Records.Verdict.OK, Array.Empty<string>(), Array.Empty<string>()),
            state, SoakPolicy.Default.Guards, ParameterCatalog.Default, _ => start);
        var decision = GuardPipeline.Default.Run(context);
        Assert.False(decision.Changed);
        Assert.Equal(6, decision.Outcomes.Count);
        Assert.All(decision.Outcomes, o => Assert.Equal(ParameterStatus.Frozen, o.Status));
    }
}
