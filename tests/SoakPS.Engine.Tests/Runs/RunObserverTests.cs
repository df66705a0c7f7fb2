using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Tests.Runs;

public class RunObserverTests
{
    private sealed class RecordingObserver : IRunObserver
    {
        public List<string> Calls { get; } = new();

        public void RunStarted(RunStartedInfo run) => Calls.Add($"started {run.Manifest.RunId} resumed={run.Resumed}");

        public void IterationCompleted(IterationCompletedInfo iteration) =>
            Calls.Add($"iteration {iteration.Summary.Iteration} {iteration.Summary.Kpi.Verdict} state {iteration.State.Iteration}");

        public void RunEnded(RunEndedInfo run) => Calls.Add($"ended {run.Manifest.Status} {run.Manifest.Verdict}");
    }

    private sealed class ThrowingObserver : IRunObserver
    {
        public void RunStarted(RunStartedInfo run) { }

        public void IterationCompleted(IterationCompletedInfo iteration) => throw new InvalidOperationException("exporter is down");

        public void RunEnded(RunEndedInfo run) { }
    }

    [Fact]
    public void Observers_hear_the_start_each_completed_iteration_in_order_and_the_end()
    {
        using var h = new RunHarness();
        var observer = new RecordingObserver();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.RiskHigh, ReportTexts.Stable }), 3) with { Observers = new[] { observer } });

        var runId = h.Manifest().RunId;
        Assert.Equal(new[]
        {
            $"started {runId} resumed=False",
            "iteration 1 FAIL state 1", "iteration 2 OK state 2", "iteration 3 FAIL state 3",
            "ended completed FAIL",
        }, observer.Calls);
    }

    [Fact]
    public void A_failing_observer_is_reported_and_the_run_and_other_observers_go_on()
    {
        using var h = new RunHarness();
        var observer = new RecordingObserver();
        var events = h.Run(h.Options(new ListSource(new[] { ReportTexts.Stable }), 2) with { Observers = new IRunObserver[] { new ThrowingObserver(), observer } });

        Assert.Equal(2, events.OfType<IterationCompleted>().Count());
        Assert.Equal(2, events.OfType<RunWarning>().Count(w => w.Message.Contains("exporter is down")));
        Assert.Equal(4, observer.Calls.Count);
        Assert.Equal(RunStatus.Completed, h.Manifest().Status);
    }
}
