using SoakPS.Engine.Planning;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Sources.Simulation;

namespace SoakPS.Engine.Tests.Attacks;

/// <summary>
/// Attack class "the simulator's limits": a run accepted at start must be resumable (one set of bounds for both), a
/// market timeline past year 9999 is a clear error before anything runs, and cancellation reaches inside a window.
/// </summary>
[Trait("Category", "Attack")]
public sealed class RunBoundsAttacks : IDisposable
{
    private readonly RunHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static RunRequest Request(int iterations, double minutes = 5, bool resume = false) => new()
    {
        SourceName = "simulate", Iterations = iterations, Seed = 7, IntervalSeconds = 0, IterationMinutes = minutes, Resume = resume, Environment = _ => null,
    };

    [Fact]
    public void A_run_of_the_most_iterations_a_start_accepts_can_be_resumed()
    {
        var options = RunPlanner.Plan(_h.Layout, Request(RunBounds.MaxIterations, minutes: 1), _ => { });
        using var stop = new CancellationTokenSource();
        using (options.Source)
        {
            foreach (var e in SoakRunner.Execute(_h.Layout, options, stop.Token))
            {
                if (e is IterationCompleted) stop.Cancel();
            }
        }
        Assert.Equal(RunStatus.Stopped, _h.Manifest().Status);

        var resumed = RunPlanner.Plan(_h.Layout, Request(0, resume: true), _ => { });
        resumed.Source.Dispose();
        Assert.Equal(RunBounds.MaxIterations, resumed.Iterations);
    }

    [Theory]
    [InlineData(10_000_000, 1440)]
    [InlineData(3_000_000, 1440)]
    public void A_market_timeline_past_year_9999_is_refused_before_the_run(int iterations, double minutes)
    {
        var e = Assert.Throws<SoakException>(() => RunPlanner.Plan(_h.Layout, Request(iterations, minutes), _ => { }));
        Assert.Equal("MarketTimeOutOfRange", e.ErrorId);
        Assert.False(Directory.Exists(_h.Layout.Latest));
    }

    [Fact]
    public void Cancellation_reaches_inside_a_day_long_simulated_window()
    {
        var simulator = new MarketSimulator(MarketModel.Default);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            simulator.Run(1, 1, MarketRegime.Calm, QuoteSettings.From(RunHarness.Profile("steady_safe")), TimeSpan.FromDays(1), cancelled.Token));
        // Not cancelled, the same window runs to its end: the check costs nothing to a run that goes on.
        Assert.True(simulator.Run(1, 1, MarketRegime.Calm, QuoteSettings.From(RunHarness.Profile("steady_safe")), TimeSpan.FromMinutes(15)).Events > 0);
    }
}
