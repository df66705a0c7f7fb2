using System.Text.Json;
using SoakPS.Engine.Canary;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Planning;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Sources;
using SoakPS.Engine.Sources.Simulation;

namespace SoakPS.Engine.Tests.Simulation;

/// <summary>policy.simulator of a profile: the regime chain and regime constants as data, checked fully at load.</summary>
public class SimulatorPolicyTests
{
    private static void WriteProfile(RunHarness h, string name, string simulator)
    {
        Directory.CreateDirectory(h.Layout.Profiles);
        File.WriteAllText(h.Layout.ProfileFile(name), """{"description": "test", "parameters": {}, "policy": {"simulator": """ + simulator + "}}");
    }

    private static RunRequest Simulate(RunHarness h, string? profile, int iterations, int seed = 42) => new()
    {
        SourceName = SimulatorSource.SourceName, Iterations = iterations, Seed = seed, ProfileName = profile, IterationMinutes = 15,
        Environment = _ => null, Clock = h.Clock,
    };

    private static List<(string Regime, long Events)> Reports(RunHarness h, int iterations) => Enumerable.Range(1, iterations).Select(n =>
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(h.Layout.LatestRun.Reports, $"EDGE_REPORT_{n}.json")));
        return (report.RootElement.GetProperty("regime").GetString()!, report.RootElement.GetProperty("simulation").GetProperty("events").GetInt64());
    }).ToList();

    private static void RunPlanned(RunHarness h, RunRequest request)
    {
        var options = RunPlanner.Plan(h.Layout, request, _ => { });
        using (options.Source)
        {
            h.Run(options);
        }
    }

    [Theory]
    [InlineData("calm", """{"regimes": {"calm": {"transitions": {"calm": 1}}}}""")]
    [InlineData("spike", """{"regimes": {"calm": {"transitions": {"spike": 1.0}}, "spike": {"transitions": {"calm": 0, "volatile": 0, "spike": 1}}}}""")]
    public void A_profile_that_pins_the_chain_to_one_regime_gives_only_that_regime(string regime, string simulator)
    {
        using var h = new RunHarness();
        WriteProfile(h, "pinned", simulator);

        RunPlanned(h, Simulate(h, "pinned", 12));

        Assert.All(Reports(h, 12), r => Assert.Equal(regime, r.Regime));
        Assert.All(h.Summaries(), s => Assert.Equal(regime, s.Regime));
        // The same seed on the default chain does leave the pinned regime: the policy, not the seed, pinned it.
        using var d = new RunHarness();
        RunPlanned(d, Simulate(d, null, 12));
        Assert.Contains(Reports(d, 12), r => r.Regime != regime);
    }

    [Fact]
    public void Regime_constants_from_the_policy_change_that_regime_market_and_a_resume_keeps_them()
    {
        using var h = new RunHarness();
        WriteProfile(h, "busy", """{"regimes": {"calm": {"transitions": {"calm": 1}, "market_data_per_second": 40, "depth_usd": 40000}}}""");
        using var cancel = new CancellationTokenSource();
        var options = RunPlanner.Plan(h.Layout, Simulate(h, "busy", 4), _ => { });
        using (options.Source)
        {
            foreach (var e in SoakRunner.Execute(h.Layout, options, cancel.Token))
            {
                if (e is IterationCompleted { Summary.Iteration: 2 }) cancel.Cancel();
            }
        }
        var resumed = RunPlanner.Plan(h.Layout, new RunRequest { Resume = true, Environment = _ => null, Clock = h.Clock }, _ => { });
        using (resumed.Source)
        {
            h.Run(resumed);
        }

        var reports = Reports(h, 4);
        Assert.All(reports, r => Assert.Equal("calm", r.Regime));
        // 40 book updates a second instead of 10: about 46 events a second of market time instead of 16, in every window.
        Assert.All(reports, r => Assert.InRange(r.Events, 40 * 900, 52 * 900));
        Assert.Equal(4, h.Summaries().Count);
    }

    public static TheoryData<string, string, string> BadSections => new()
    {
        { """{"regimes": {"calm": {"transitions": {"calm": 0.85, "volatile": 0.1}}}}""", "InvalidRegimeTransitions", "'policy.simulator.regimes.calm.transitions' must sum to 1 (within 0.000001): the probabilities of moving from calm to each regime sum to 0.95" },
        { """{"regimes": {"volatile": {"transitions": {"calm": 1.2, "spike": -0.2}}}}""", "InvalidRegimeTransitions", "'policy.simulator.regimes.volatile.transitions.calm' is a probability and must be from 0 to 1" },
        { """{"regimes": {"spike": {"transitions": {}}}}""", "InvalidRegimeTransitions", "sum to 0" },
        { """{"regimes": {"calm": {"transitions": {"calm": 0.5, "calm": 0.5}}}}""", "InvalidProfileFile", "'calm' appears more than once" },
        { """{"regimes": {"panic": {"transitions": {"calm": 1}}}}""", "InvalidProfileFile", "'policy.simulator.regimes.panic' is not a known setting" },
        { """{"regimes": {"calm": {"transitions": {"volatle": 1}}}}""", "InvalidProfileFile", "Did you mean 'volatile'" },
        { """{"regimes": {"calm": {"transitions": [0.85, 0.12, 0.03]}}}""", "InvalidProfileFile", "must be an object of probabilities per regime" },
        { """{"regimes": {"calm": {"transitions": {"calm": "1"}}}}""", "InvalidProfileFile", "'policy.simulator.regimes.calm.transitions.calm' must be a number" },
        { """{"regimes": {"calm": {"transitions": {"calm": 1e999}}}}""", "ParameterNotFinite", "policy.simulator.regimes.calm.transitions.calm" },
        { """{"regimes": {"calm": {"depth_usd": 0}}}""", "InvalidProfileFile", "'policy.simulator.regimes.calm.depth_usd' must be from 1 to 1000000000000, not 0" },
        { """{"regimes": {"spike": {"market_data_per_second": 0}}}""", "InvalidProfileFile", "market_data_per_second' must be from 0.01" },
        { """{"regimes": {"spike": {"volatility": 2}}}""", "InvalidProfileFile", "'policy.simulator.regimes.spike.volatility' is not a known setting" },
        { """{"transitions": {}}""", "InvalidProfileFile", "'policy.simulator.transitions' is not a known setting" },
        { """[]""", "InvalidProfileFile", "'policy.simulator' must be an object" },
    };

    [Theory]
    [MemberData(nameof(BadSections))]
    public void A_bad_simulator_policy_is_refused_before_the_run_starts_with_nothing_written(string simulator, string errorId, string message)
    {
        using var h = new RunHarness();
        WriteProfile(h, "bad", simulator);
        var before = Directory.GetFileSystemEntries(h.Root, "*", SearchOption.AllDirectories);

        var e = Assert.Throws<SoakException>(() => RunPlanned(h, Simulate(h, "bad", 3)));

        Assert.Equal(errorId, e.ErrorId);
        Assert.Contains(message, e.Message);
        Assert.Contains(h.Layout.ProfileFile("bad"), e.Message);
        Assert.Equal(before, Directory.GetFileSystemEntries(h.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_profile_without_a_simulator_section_keeps_the_default_market_and_saves_none()
    {
        using var h = new RunHarness();
        var store = new ProfileStore(h.Layout);
        store.Save(new Profile("plain", "no market", new Dictionary<string, decimal> { ["min_interval_ms"] = 60m }, false, Policy: Profiles.SoakPolicy.Default));

        var plain = store.Load("plain");

        Assert.Same(MarketModel.Default, plain.Policy!.Simulator);
        Assert.DoesNotContain("simulator", File.ReadAllText(h.Layout.ProfileFile("plain")));
    }

    [Fact]
    public void A_saved_simulator_policy_reads_back_as_the_same_market()
    {
        using var h = new RunHarness();
        WriteProfile(h, "market", """{"regimes": {"volatile": {"transitions": {"calm": 0.5, "volatile": 0.3, "spike": 0.2}, "jump_size_bps": 9}}}""");
        var store = new ProfileStore(h.Layout);
        var loaded = store.Load("market");

        store.Save(loaded with { Name = "copy" });
        var copy = store.Load("copy").Policy!.Simulator;

        Assert.Equal(new[] { 0.5, 0.3, 0.2 }, copy.Transitions[1]);
        Assert.Equal(MarketModel.Default.Transitions[0], copy.Transitions[0]);
        Assert.Equal(9, copy.Volatile.JumpSizeBps);
        Assert.Equal(MarketModel.Default.Volatile with { JumpSizeBps = 9 }, copy.Volatile);
        Assert.Equal(MarketModel.Default.Spike, copy.Spike);
    }

    [Fact]
    public void A_simulated_run_brings_its_canary_observer_and_a_mock_run_none()
    {
        using var h = new RunHarness();
        var simulated = RunPlanner.Plan(h.Layout, Simulate(h, null, 2), _ => { });
        var mock = RunPlanner.Plan(h.Layout, Simulate(h, null, 2) with { SourceName = MockSource.SourceName }, _ => { });

        Assert.IsType<CanaryReportObserver>(Assert.Single(simulated.Observers));
        Assert.Empty(mock.Observers);
        simulated.Source.Dispose();
        mock.Source.Dispose();
    }
}
