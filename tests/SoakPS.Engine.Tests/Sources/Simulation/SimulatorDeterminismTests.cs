using SoakPS.Engine.Sources;
using SoakPS.Engine.Sources.Simulation;

namespace SoakPS.Engine.Tests.Simulation;

public class SimulatorDeterminismTests
{
    private static Dictionary<string, byte[]> Reports(int seed)
    {
        using var h = new RunHarness();
        h.Run(h.Options(new SimulatorSource(seed), 6) with { IterationWindow = TimeSpan.FromMinutes(15) });
        return Directory.GetFiles(h.Layout.LatestRun.Reports).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
    }

    [Fact]
    public void The_same_seed_gives_byte_identical_reports_in_an_auto_tuned_run()
    {
        var first = Reports(7);
        var second = Reports(7);

        Assert.Equal(6, first.Count);
        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        Assert.All(first, kv => Assert.Equal(kv.Value, second[kv.Key]));
        Assert.NotEqual(first["EDGE_REPORT_1.json"], Reports(8)["EDGE_REPORT_1.json"]);
    }

    [Fact]
    public void Different_seeds_follow_different_regime_paths_and_a_path_can_be_walked_again()
    {
        var paths = Enumerable.Range(1, 5).Select(seed =>
        {
            var chain = new RegimeChain(seed, MarketModel.Default.Transitions);
            return string.Join(",", Enumerable.Range(1, 96).Select(chain.At));
        }).ToList();

        Assert.Equal(paths.Count, paths.Distinct().Count());
        var again = new RegimeChain(3, MarketModel.Default.Transitions);
        Assert.Equal(again.At(50), new RegimeChain(3, MarketModel.Default.Transitions).At(50));
        Assert.Equal(paths[2].Split(',')[9], again.At(10).ToString());
        Assert.Contains("Spike", paths[0] + paths[1] + paths[2] + paths[3] + paths[4]);
    }

    [Fact]
    public void Transition_probabilities_that_are_not_a_stochastic_matrix_are_refused()
    {
        var bad = new[] { new[] { 0.5, 0.4, 0.0 }, new[] { 0.3, 0.4, 0.3 }, new[] { 0.2, 0.3, 0.5 } };

        var e = Assert.Throws<SoakException>(() => new RegimeChain(1, bad));
        Assert.Equal("InvalidRegimeTransitions", e.ErrorId);
    }
}
