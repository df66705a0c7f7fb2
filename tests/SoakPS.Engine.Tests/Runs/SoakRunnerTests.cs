using System.Text.Json.Nodes;
using SoakPS.Engine.Files;
using SoakPS.Engine.Json;
using SoakPS.Engine.Kpi;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Tests;

public class SoakRunnerTests
{
    [Fact]
    public void A_three_iteration_run_writes_every_artifact_and_a_complete_tuning_report()
    {
        using var h = new RunHarness();
        var events = h.Run(h.Options(new ListSource(new[] { ReportTexts.RiskHigh, ReportTexts.RiskHigh, ReportTexts.Stable }), 3, RunHarness.Profile("steady_safe")));

        Assert.Equal(3, events.OfType<IterationCompleted>().Count());
        var folder = h.Layout.LatestRun;
        foreach (var path in new[] { folder.RunManifest, folder.TuningReport, folder.TuningState, folder.Journal, h.Layout.RuntimeOverrides })
        {
            Assert.True(File.Exists(path), path);
        }
        Assert.Equal(new[] { 1, 2, 3 }, IterationFiles.List(folder.Path).Select(f => f.Iteration));
        Assert.True(File.Exists(folder.EdgeReport(3)));
        var report = JsonNode.Parse(File.ReadAllText(folder.TuningReport))!;
        Assert.Equal(3, report["iterations"]!.AsArray().Count);
        Assert.Equal(3, (int)report["summary"]!["count"]!);
        var manifest = h.Manifest();
        Assert.Equal(RunStatus.Completed, manifest.Status);
        Assert.Equal(3, manifest.IterationsCompleted);
        Assert.False(File.Exists(h.Layout.LockFile));
    }

    [Fact]
    public void Applied_values_are_the_flat_clamped_sums_without_float_noise()
    {
        using var h = new RunHarness();
        var start = RunHarness.Profile("steady_safe");
        h.Run(h.Options(new ListSource(new[] { ReportTexts.RiskHigh }), 3, start));

        var first = h.Summaries()[0];
        Assert.True(first.Tuning.Applied);
        // steady_safe: min_interval 75 +5 → 80 (cap), impact_cap 0.08 −0.01 → floor 0.08 → no change, tail_age 740 +30 → 770.
        Assert.Equal(80m, first.Tuning.Overrides["min_interval_ms"]);
        Assert.Equal(770m, first.Tuning.Overrides["tail_age_ms"]);
        var live = File.ReadAllText(h.Layout.RuntimeOverrides);
        var node = JsonNode.Parse(live)!.AsObject();
        Assert.All(node, kv => Assert.Equal(System.Text.Json.JsonValueKind.Number, JsonValueKind(kv.Value)));
        Assert.DoesNotContain("99999", live);
        Assert.DoesNotContain("00001", live);
        Assert.Equal(6, node.Count);
    }

    private static System.Text.Json.JsonValueKind JsonValueKind(JsonNode? node) => node!.GetValueKind();

    [Fact]
    public void No_apply_on_the_final_iteration()
    {
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.RiskHigh }), 2));
        var summaries = h.Summaries();
        Assert.True(summaries[0].Tuning.Applied);
        Assert.False(summaries[1].Tuning.Applied);
        Assert.Equal("final_iteration", summaries[1].Tuning.SkipReason);
        Assert.Equal(summaries[0].Tuning.Overrides, summaries[1].Tuning.Overrides);
    }

    [Fact]
    public void An_invalid_report_is_recorded_never_tuned_and_the_run_goes_on()
    {
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { "{not json", ReportTexts.Make(risk: 0.45, net: 2.9), ReportTexts.Stable }), 3));
        var summaries = h.Summaries();
        Assert.Equal(3, summaries.Count);
        Assert.Equal(Verdict.INVALID, summaries[0].Kpi.Verdict);
        Assert.Equal("invalid_report", summaries[0].Tuning.SkipReason);
        Assert.False(summaries[0].Tuning.Applied);
        Assert.True(summaries[1].Tuning.Applied);
    }

    [Fact]
    public void A_second_run_on_the_same_root_is_refused_naming_the_holder()
    {
        using var h = new RunHarness();
        var source = new ListSource(new[] { ReportTexts.Stable });
        using var enumerator = SoakRunner.Execute(h.Layout, h.Options(source, 5), CancellationToken.None).GetEnumerator();
        Assert.True(enumerator.MoveNext());
        var error = Assert.Throws<SoakException>(() => SoakRunner.Execute(h.Layout, h.Options(new ListSource(new[] { ReportTexts.Stable }), 1), CancellationToken.None).ToList());
        Assert.Equal("ArtifactRootLocked", error.ErrorId);
        Assert.Contains($"process {Environment.ProcessId}", error.Message);
        Assert.Contains(h.Manifest().RunId, error.Message);
    }

    [Fact]
    public void Stopping_mid_run_leaves_every_file_valid_and_the_run_marked_stopped()
    {
        using var h = new RunHarness();
        using var cts = new CancellationTokenSource();
        var source = new ListSource(new[] { ReportTexts.RiskHigh }) { OnObtain = c => { if (c.Iteration == 3) cts.Cancel(); } };
        h.Run(h.Options(source, 10), cts.Token);
        var manifest = h.Manifest();
        Assert.Equal(RunStatus.Stopped, manifest.Status);
        Assert.Equal(2, manifest.IterationsCompleted);
        foreach (var file in Directory.EnumerateFiles(h.Root, "*.json", SearchOption.AllDirectories))
        {
            JsonNode.Parse(File.ReadAllText(file));
        }
        Assert.False(File.Exists(h.Layout.LockFile));
    }

    [Fact]
    public void A_new_run_moves_the_previous_one_to_runs()
    {
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.Stable }), 1));
        var firstId = h.Manifest().RunId;
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        h.Run(h.Options(new ListSource(new[] { ReportTexts.Stable }), 1));
        Assert.NotEqual(firstId, h.Manifest().RunId);
        Assert.True(File.Exists(h.Layout.Run(firstId).IterationSummary(1)));
    }

    [Fact]
    public void Iterations_are_read_in_numeric_order()
    {
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.Stable }), 11, autoTune: false));
        Assert.Equal(Enumerable.Range(1, 11), h.Summaries().Select(s => s.Iteration));
    }

    [Fact]
    public void Repeated_source_failures_stop_the_run_with_a_clear_error()
    {
        using var h = new RunHarness();
        var error = Assert.Throws<SoakException>(() => h.Run(h.Options(new ListSource(new string?[] { null }), 10)));
        Assert.Equal("SourceFailedRepeatedly", error.ErrorId);
        Assert.Equal(3, h.Summaries().Count);
        Assert.All(h.Summaries(), s => Assert.Equal("failed", s.Status));
        var manifest = h.Manifest();
        Assert.Equal(RunStatus.Failed, manifest.Status);
        Assert.Contains("3 consecutive iterations", manifest.Error);
        Assert.False(File.Exists(h.Layout.LockFile));
    }
}
