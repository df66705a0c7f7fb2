using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SoakPS.Engine.Metrics;
using SoakPS.Engine.Observability;
using SoakPS.Engine.Planning;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Tests.Observability;

public class RunMetricsTests
{
    private static (RunHarness Harness, RunWatcher Watcher, string File) MockRun(int iterations)
    {
        var h = new RunHarness();
        var file = Path.Combine(h.Root, "textfile", "soak.prom");
        var watcher = new RunWatcher(file, h.Clock);
        var request = new RunRequest { SourceName = "mock", Iterations = iterations, AutoTune = true, TunerName = "rules", Seed = 42, Environment = _ => null, Clock = h.Clock };
        var options = RunPlanner.Plan(h.Layout, request, _ => { }) with { };
        options = options with { Observers = new IRunObserver[] { watcher } };
        using (options.Source)
        {
            h.Run(options);
        }
        return (h, watcher, file);
    }

    /// <summary>A sample's value by its name and own labels; the run_id every sample carries first is left out.</summary>
    private static double Sample(string text, string series)
    {
        var line = Assert.Single(text.Split('\n').Select(l => System.Text.RegularExpressions.Regex.Replace(l, "^([a-z0-9_]+)\\{run_id=\"[^\"]*\",?", "$1{").Replace("{}", "")),
            l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [Trait("Category", "Prometheus")]
    [Fact]
    public void The_textfile_after_a_run_passes_promtool_and_holds_the_last_iteration_in_base_units()
    {
        var (h, _, file) = MockRun(24);
        using var _h = h;
        var text = File.ReadAllText(file);
        var (exit, output) = Promtool.CheckMetrics(text);
        Assert.True(exit == 0, "promtool check metrics: " + output);
        Assert.Equal("", output.Trim());

        var summaries = h.Summaries();
        var last = summaries[^1];
        Assert.Equal(24, Sample(text, "soak_iteration"));
        Assert.Equal(last.Summary.NetBps!.Value, Sample(text, "soak_net_bps"), 9);
        Assert.Equal(last.Summary.P95LatencyMs!.Value / 1000, Sample(text, "soak_latency_p95_seconds"), 9);
        Assert.Equal(last.Summary.MakerSharePct!.Value / 100, Sample(text, "soak_maker_share_ratio"), 9);
        Assert.Equal(summaries.Count(s => s.Tuning.Applied), Sample(text, "soak_applies_total"));
        Assert.Equal(summaries.Count(s => s.Kpi.Verdict == Records.Verdict.INVALID), Sample(text, "soak_invalid_reports_total"));
        Assert.Equal(1, Sample(text, $"soak_verdict{{verdict=\"{last.Kpi.Verdict}\"}}"));
        Assert.Equal((double)last.Tuning.Overrides["min_interval_ms"], Sample(text, "soak_parameter_value{parameter=\"min_interval_ms\"}"));
        Assert.Equal(24, Sample(text, "soak_iteration_duration_seconds_count"));
        var blocked = summaries.SelectMany(s => s.Tuning.Outcomes.Values).Count(o => o.Status == Records.ParameterStatus.Frozen);
        Assert.True(blocked > 0, "the 24-iteration mock run freezes parameters");
        Assert.Equal(blocked, Sample(text, "soak_guard_blocks_total{guard=\"frozen\"}"));
        Assert.Contains("soak_run_info{run_id=\"" + last.RunId + "\",source=\"mock\"", text);
        Assert.Contains("status=\"completed\"", text);
        foreach (var metric in MetricCatalog.All.Where(m => m.Get(last.Summary) is not null))
        {
            Assert.Contains($"# TYPE {metric.PrometheusName} gauge", text);
        }
    }

    [Fact]
    public void After_a_resume_the_run_verdict_metric_counts_the_iterations_before_it_as_the_run_does()
    {
        using var h = new RunHarness();
        using var stop = new CancellationTokenSource();
        var failing = new ListSource(new[] { ReportTexts.Make(net: 1.0, risk: 0.65) }) { OnObtain = c => { if (c.Iteration == 4) stop.Cancel(); } };
        h.Run(h.Options(failing, 6), stop.Token);
        Assert.Equal(RunStatus.Stopped, h.Manifest().Status);

        var watcher = new RunWatcher(null, h.Clock);
        var passing = new ListSource(new[] { ReportTexts.Make(net: 3.0, risk: 0.2) });
        h.Run(h.Options(passing, 6) with { Resume = true, Observers = new IRunObserver[] { watcher } });

        Assert.Equal(nameof(Records.Verdict.FAIL), h.Manifest().Verdict);
        Assert.Equal(1, Sample(watcher.MetricsText, "soak_run_verdict{verdict=\"FAIL\"}"));
    }

    [Theory]
    [InlineData(1000, new double[] { 1, 2, 3, 4, 5 })]
    [InlineData(400, new double[] { 0, 0, 3, 3, 3 })]
    public void The_textfile_is_rewritten_after_an_iteration_at_most_once_a_second_always_whole_and_final_at_the_end(int msPerIteration, double[] expected)
    {
        using var h = new RunHarness();
        var file = Path.Combine(h.Root, "soak.prom");
        var seen = new List<double>();
        var clockMoves = new AfterEachIteration(() => h.Clock.Advance(TimeSpan.FromMilliseconds(msPerIteration)));
        var checker = new AfterEachIteration(() => seen.Add(Sample(File.ReadAllText(file), "soak_iteration")));
        var request = new RunRequest { SourceName = "mock", Iterations = 5, Seed = 1, Environment = _ => null, Clock = h.Clock };
        var options = RunPlanner.Plan(h.Layout, request, _ => { }) with { };
        var watcher = new RunWatcher(file, h.Clock);
        options = options with { Observers = new IRunObserver[] { clockMoves, watcher, checker } };
        using (options.Source)
        {
            h.Run(options);
        }
        Assert.Equal(expected, seen);
        Assert.Equal(5, Sample(File.ReadAllText(file), "soak_iteration"));
        Assert.Contains("status=\"completed\"", File.ReadAllText(file));
        Assert.Equal(watcher.MetricsText, File.ReadAllText(file));
        Assert.Empty(Directory.GetFiles(h.Root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void The_endpoint_body_is_current_after_every_iteration_even_when_the_textfile_waits()
    {
        using var h = new RunHarness();
        RunWatcher watcher = null!;
        var served = new List<double>();
        var checker = new AfterEachIteration(() => served.Add(Sample(System.Text.Encoding.UTF8.GetString(watcher.MetricsBody), "soak_iteration")));
        var request = new RunRequest { SourceName = "mock", Iterations = 4, Seed = 1, Environment = _ => null, Clock = h.Clock };
        var options = RunPlanner.Plan(h.Layout, request, _ => { }) with { };
        watcher = new RunWatcher(Path.Combine(h.Root, "soak.prom"), h.Clock);
        options = options with { Observers = new IRunObserver[] { watcher, checker } };
        using (options.Source)
        {
            h.Run(options);
        }
        Assert.Equal(new double[] { 1, 2, 3, 4 }, served);
    }

    [Fact]
    public void The_dashboard_data_after_an_iteration_carries_only_the_iterations_that_came_since_and_the_whole_current_state()
    {
        var (h, watcher, _) = MockRun(6);
        using var _h = h;
        static int[] Iterations(byte[] json, string list) =>
            System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty(list).EnumerateArray().Select(p => p.GetProperty("iteration").GetInt32()).ToArray();

        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, Iterations(watcher.DashboardJson(), "points"));
        Assert.Equal(new[] { 5, 6 }, Iterations(watcher.DashboardJson(after: 4), "points"));
        Assert.Empty(Iterations(watcher.DashboardJson(after: 6), "points"));
        Assert.All(Iterations(watcher.DashboardJson(after: 4), "events"), n => Assert.True(n > 4));
        var all = Iterations(watcher.DashboardJson(), "events");
        Assert.Equal(all.Where(n => n > 4), Iterations(watcher.DashboardJson(after: 4), "events"));

        using var newest = System.Text.Json.JsonDocument.Parse(watcher.DashboardJson(after: 6));
        Assert.Equal(6, newest.RootElement.GetProperty("run").GetProperty("iterations_completed").GetInt32());
        Assert.Equal(6, newest.RootElement.GetProperty("overrides").GetArrayLength());
    }

    [Fact]
    public void The_grafana_dashboard_queries_only_metrics_the_run_exports()
    {
        var (h, watcher, _) = MockRun(3);
        using var _h = h;
        var families = watcher.MetricsText.Split('\n').Where(l => l.StartsWith("# TYPE ")).Select(l => l.Split(' ')[2]).ToHashSet();
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SoakPS.sln"))) dir = dir.Parent;
        var dashboard = File.ReadAllText(Path.Combine(dir!.FullName, "docs", "grafana", "soakps.json"));
        var queries = string.Join("\n", System.Text.RegularExpressions.Regex.Matches(dashboard, "\"(?:expr|definition)\": \"([^\"\\\\]|\\\\.)*\"").Select(m => m.Value));
        // Label names (soak_instance in "by (…)" and in {…} matchers) are not metric names.
        queries = System.Text.RegularExpressions.Regex.Replace(queries, "by \\([^)]*\\)|\\{[^}]*\\}", "");
        var used = System.Text.RegularExpressions.Regex.Matches(queries, "soak_[a-z0-9_]+").Select(m => m.Value)
            .Select(n => n.EndsWith("_sum") || n.EndsWith("_count") ? n[..n.LastIndexOf('_')] : n).Distinct().ToList();
        Assert.True(used.Count > 10);
        Assert.All(used, n => Assert.Contains(n, families));
    }

    [Trait("Category", "Prometheus")]
    [Fact]
    public void Every_sample_carries_the_run_and_the_operators_instance_name_first()
    {
        var metrics = new SoakMetrics("bot-a");
        metrics.Started(new RunManifest { RunId = "r1", Source = "mock", Status = "running" });
        var samples = metrics.Render().Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.True(samples.Count > 5);
        Assert.All(samples, l => Assert.StartsWith("run_id=\"r1\",soak_instance=\"bot-a\"", l[(l.IndexOf('{') + 1)..]));
        var (exit, output) = Promtool.CheckMetrics(metrics.Render());
        Assert.True(exit == 0, output);
    }

    [Trait("Category", "Prometheus")]
    [Fact]
    public void Values_scaled_into_base_units_carry_no_floating_point_noise()
    {
        var text = new PrometheusText()
            .Sample("share", 69 * 0.01).Sample("latency", 193.91601 * 0.001).Sample("sum", 0.1 + 0.2)
            .Sample("count", 123456).Sample("tiny", 1e-7).Sample("neg", -2.7).ToString();
        Assert.Equal("share 0.69\nlatency 0.19391601\nsum 0.3\ncount 123456\ntiny 1E-07\nneg -2.7\n", text);
        Assert.True(Promtool.CheckMetrics("# HELP tiny t\n# TYPE tiny gauge\n" + text.Split('\n')[4] + "\n").ExitCode == 0);
    }

    [Fact]
    public void Label_values_and_help_are_escaped_so_promtool_accepts_odd_run_ids()
    {
        var metrics = new SoakMetrics();
        metrics.Started(new RunManifest { RunId = "a\"b\\c\nd", Source = "mock", Status = "running" });
        var (exit, output) = Promtool.CheckMetrics(metrics.Render());
        Assert.True(exit == 0, output);
        Assert.Contains("run_id=\"a\\\"b\\\\c\\nd\"", metrics.Render());
    }

    private sealed class AfterEachIteration(Action check) : IRunObserver
    {
        public void RunStarted(RunStartedInfo run) { }
        public void IterationCompleted(IterationCompletedInfo iteration) => check();
        public void RunEnded(RunEndedInfo run) { }
    }
}
