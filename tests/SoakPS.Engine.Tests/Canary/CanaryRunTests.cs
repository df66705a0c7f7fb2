using System.Text.Json;
using SoakPS.Engine.Canary;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Sources;

namespace SoakPS.Engine.Tests.Canary;

/// <summary>The heap measurement needs a quiet process: no other test may allocate while it runs.</summary>
[CollectionDefinition(nameof(HeapMeasurement), DisableParallelization = true)]
public sealed class HeapMeasurement { }

[Collection(nameof(HeapMeasurement))]
public class CanaryRunTests
{
    private sealed class HeapProbe : IRunObserver
    {
        public long RetainedAtEnd { get; private set; }

        public void RunStarted(RunStartedInfo run) { }

        public void IterationCompleted(IterationCompletedInfo iteration)
        {
            if (iteration.Summary.Iteration == iteration.Manifest.IterationsPlanned)
            {
                RetainedAtEnd = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        public void RunEnded(RunEndedInfo run) { }
    }

    private static SoakRunOptions Canary(RunHarness h, int iterations, double minutes, params IRunObserver[] observers)
    {
        var source = new SimulatorSource(42);
        return h.Options(source, iterations) with
        {
            IterationWindow = TimeSpan.FromMinutes(minutes),
            Observers = CanaryReportObserver.For(source).Concat(observers).ToArray(),
        };
    }

    [Fact]
    public void The_96_iteration_auto_tuned_canary_completes_with_its_report()
    {
        using var h = new RunHarness();
        h.Run(Canary(h, 96, 15));

        var manifest = h.Manifest();
        Assert.Equal(RunStatus.Completed, manifest.Status);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(h.Layout.Latest, CanaryReportObserver.JsonFile)));
        var root = json.RootElement;
        Assert.Equal(manifest.Verdict, root.GetProperty("run_verdict").GetString());
        Assert.Equal(96, root.GetProperty("iterations").GetArrayLength());
        Assert.Equal(96, root.GetProperty("verdicts").EnumerateObject().Sum(v => v.Value.GetInt32()));
        Assert.Equal(h.Summaries().Count(s => s.Tuning.Applied), root.GetProperty("applies").GetInt32());
        Assert.True(root.GetProperty("simulated_events").GetInt64() > 96 * 10_000);
        Assert.True(root.GetProperty("wall_seconds").GetDouble() > 0);
        Assert.True(root.GetProperty("peak_working_set_bytes").GetInt64() > 0);
        var last = root.GetProperty("iterations")[95];
        Assert.Equal(h.Summaries()[95].Tuning.Overrides["min_interval_ms"], last.GetProperty("parameters").GetProperty("min_interval_ms").GetDecimal());
        var markdown = File.ReadAllText(Path.Combine(h.Layout.Latest, CanaryReportObserver.MarkdownFile));
        Assert.Contains($"Run verdict: **{manifest.Verdict}**", markdown);
        Assert.Equal(96, markdown.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\| \d+ \|")));
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Memory_retained_does_not_grow_with_the_iteration_count()
    {
        long Retained(int iterations)
        {
            using var h = new RunHarness();
            var probe = new HeapProbe();
            // Consumed as a host does, one event at a time (collecting them would itself keep every summary).
            foreach (var _ in SoakRunner.Execute(h.Layout, Canary(h, iterations, 1, probe), default)) { }
            return probe.RetainedAtEnd;
        }

        Retained(20);
        var short96 = Retained(96);
        var long960 = Retained(960);

        // Ten times the iterations may not keep more than 1 MB more on the managed heap (a leak of ~1 KB per iteration would).
        Assert.True(long960 - short96 < 1_000_000, $"96 iterations retained {short96} bytes, 960 retained {long960}");
    }

    [Fact]
    public void A_resumed_canary_reports_every_iteration_of_the_run()
    {
        using var h = new RunHarness();
        using (var stop = new CancellationTokenSource())
        {
            foreach (var e in SoakRunner.Execute(h.Layout, Canary(h, 10, 15), stop.Token))
            {
                if (e is IterationCompleted { Summary.Iteration: 4 }) stop.Cancel();
            }
        }
        Assert.Equal(RunStatus.Stopped, h.Manifest().Status);

        h.Run(Canary(h, 10, 15) with { Resume = true });

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(h.Layout.Latest, CanaryReportObserver.JsonFile)));
        Assert.Equal(RunStatus.Completed, json.RootElement.GetProperty("status").GetString());
        Assert.Equal(10, json.RootElement.GetProperty("iterations").GetArrayLength());
        Assert.Equal(10, json.RootElement.GetProperty("verdicts").EnumerateObject().Sum(v => v.Value.GetInt32()));
    }
}
