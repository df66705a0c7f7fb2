using SoakPS.Engine.Files;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Sources.Simulation;
using SoakPS.Engine.Studies;

namespace SoakPS.Engine.Tests.Studies;

public sealed class SharedWindowTests
{
    private static readonly QuoteSettings Calm = QuoteSettings.From(new ParameterSet(BuiltInProfiles.SteadySafe.Parameters));
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    [Fact]
    public void Arms_that_share_a_seeds_windows_measure_exactly_what_each_arm_measures_alone()
    {
        using var temp = new TempFolder("soakps-study-");
        var resolver = new ParameterResolver(new ProfileStore(new ArtifactLayout(temp.Path)));
        var options = new StudyOptions
        {
            Seeds = new[] { 9, 10 },
            Profiles = new[] { resolver.Resolve(BuiltInProfiles.UltraSafe.Name), resolver.Resolve(BuiltInProfiles.SteadySafe.Name) },
            ProfileValues = name => resolver.Resolve(name).Values,
            Iterations = 12,
            Root = Path.Combine(temp.Path, "study"),
            ThrowawayRuns = true,
        };

        var shared = StudyRunner.Execute(options, CancellationToken.None).ToList();

        Assert.Equal(options.Seeds.Count * options.Arms().Count(), shared.Count);
        foreach (var run in shared)
        {
            var arm = options.Arms().Single(a => a.Name == run.Arm);
            var alone = StudyRunner.RunOne(options, run.Seed, arm, CancellationToken.None).Run;
            Assert.Equal(alone with { VerdictsByRegime = run.Run.VerdictsByRegime }, run.Run);
            Assert.Equal(alone.VerdictsByRegime, run.Run.VerdictsByRegime);
        }
        // The tuned arms move to the same presets, so most of their windows were met before: some arm had to apply.
        Assert.Contains(shared, r => r.Run.Applies > 0);
    }

    [Fact]
    public void A_window_is_simulated_once_for_every_run_that_meets_it()
    {
        var windows = new SimulatedWindows();
        var simulated = 0;
        var simulator = new MarketSimulator(MarketModel.Default);
        WindowResult Simulate(int seed, int iteration, QuoteSettings settings) =>
            windows.GetOrSimulate(seed, iteration, MarketRegime.Calm, settings, Window, () =>
            {
                simulated++;
                return simulator.Run(seed, iteration, MarketRegime.Calm, settings, Window);
            });

        var first = Simulate(5, 1, Calm);
        var again = Simulate(5, 1, Calm);
        Assert.Same(first, again);
        Assert.Equal(1, simulated);

        Simulate(5, 2, Calm);
        Simulate(6, 1, Calm);
        Simulate(5, 1, Calm with { ImpactCapRatio = Calm.ImpactCapRatio + 0.01 });
        Assert.Equal(4, simulated);
        Assert.Equal(4, windows.Simulated);
        Assert.Equal(1, windows.Reused);

        windows.Forget(5);
        var afterForget = Simulate(5, 1, Calm);
        Assert.Equal(5, simulated);
        Assert.NotSame(first, afterForget);
        Assert.Equal(first, afterForget);
    }

    [Fact]
    public void A_window_whose_simulation_failed_is_simulated_again_by_the_next_run_that_asks()
    {
        var windows = new SimulatedWindows();
        var simulator = new MarketSimulator(MarketModel.Default);

        Assert.Throws<OperationCanceledException>(() =>
            windows.GetOrSimulate(5, 1, MarketRegime.Calm, Calm, Window, () => throw new OperationCanceledException()));
        var result = windows.GetOrSimulate(5, 1, MarketRegime.Calm, Calm, Window, () => simulator.Run(5, 1, MarketRegime.Calm, Calm, Window));

        Assert.Equal(simulator.Run(5, 1, MarketRegime.Calm, Calm, Window), result);
        Assert.Equal(1, windows.Simulated);
    }
}
