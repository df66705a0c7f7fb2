using System.Diagnostics;
using System.Globalization;
using System.Text;
using SoakPS.Engine.Artifacts;
using SoakPS.Engine.Artifacts.Rotation;

namespace SoakPS.Bench;

/// <summary>
/// SPEC §13: rotating 100,000 summaries and 2,000 old snapshots must be at least as fast as
/// `find | sort -V | xargs rm` plus `gzip` over an identical tree. Both are timed on freshly built, synced trees.
/// </summary>
public sealed class RotationBenchmark : IBenchmark
{
    public string Name => "rotation";
    public string Description => "rotate N summaries + M old snapshots: SoakPS vs find|sort -V|xargs rm + gzip [--summaries 100000] [--snapshots 2000] [--keep 100] [--days 7] [--repeat 1]";

    public int Run(BenchArguments args)
    {
        var summaries = args.Int("summaries", 100_000);
        var snapshots = args.Int("snapshots", 2_000);
        var keep = args.Int("keep", 100);
        var days = args.Int("days", 7);
        var repeat = args.Int("repeat", 1);
        var workspace = Path.Combine(Path.GetTempPath(), "soakps-bench-rotation-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine($"rotation: {summaries} summaries, {snapshots} snapshots older than {days} days, keep {keep}; {Environment.ProcessorCount} cores; {repeat} round(s)");
        var soak = new List<double>();
        var shell = new List<double>();
        try
        {
            for (var round = 1; round <= repeat; round++)
            {
                var root = Path.Combine(workspace, $"soakps-{round}");
                Build(root, summaries, snapshots, days);
                var (total, plan, result) = TimeSoakPS(root, keep, days);
                soak.Add(total);
                Check("SoakPS", root, keep, snapshots);
                Console.WriteLine($"  round {round}  SoakPS  {total,7:F3} s  (plan {plan:F3} s; removed {result.Removed}, compressed {result.Compressed}, failed {result.Failed})");
                Directory.Delete(root, recursive: true);

                root = Path.Combine(workspace, $"shell-{round}");
                Build(root, summaries, snapshots, days);
                var seconds = TimeShell(root, keep, days);
                shell.Add(seconds);
                Check("shell", root, keep, snapshots);
                Console.WriteLine($"  round {round}  shell   {seconds,7:F3} s");
                Directory.Delete(root, recursive: true);
            }
        }
        finally
        {
            if (Directory.Exists(workspace)) Directory.Delete(workspace, recursive: true);
        }
        var soakMedian = Median(soak);
        var shellMedian = Median(shell);
        Console.WriteLine($"SoakPS rotation (plan + execute + log):      {soakMedian:F3} s (median)");
        Console.WriteLine($"find | sort -V | xargs rm  +  gzip (bash):   {shellMedian:F3} s (median)");
        Console.WriteLine($"ratio SoakPS / shell: {soakMedian / shellMedian:F2} ({(soakMedian <= shellMedian ? "within" : "OVER")} the SPEC §13 budget)");
        return 0;
    }

    private static (double Total, double Plan, RotationResult Result) TimeSoakPS(string root, int keep, int days)
    {
        var layout = new ArtifactLayout(root);
        var options = new RotationOptions { KeepSummaries = keep, CompressAfterDays = days };
        var watch = Stopwatch.StartNew();
        var plan = RotationPlanner.Plan(layout, options, TimeProvider.System);
        var planned = watch.Elapsed.TotalSeconds;
        var result = RotationExecutor.Execute(layout, plan, options, TimeProvider.System, _ => true, whatIf: false);
        return (watch.Elapsed.TotalSeconds, planned, result);
    }

    private static double TimeShell(string root, int keep, int days)
    {
        var script =
            $"set -e; cd '{root}/latest' && find . -maxdepth 1 -name 'ITER_SUMMARY_*.json' | sort -V | head -n -{keep} | xargs -r rm -f; " +
            $"cd '{root}/snapshots' && find . -maxdepth 1 -name '*.json' -mtime +{days} | xargs -r gzip";
        var watch = Stopwatch.StartNew();
        using var bash = Process.Start(new ProcessStartInfo("bash", new[] { "-c", script }) { RedirectStandardError = true })!;
        var errors = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        var seconds = watch.Elapsed.TotalSeconds;
        if (bash.ExitCode != 0) throw new InvalidOperationException($"shell pipeline failed ({bash.ExitCode}): {errors}");
        return seconds;
    }

    private static void Build(string root, int summaries, int snapshots, int days)
    {
        var latest = Path.Combine(root, "latest");
        var snapshotDir = Path.Combine(root, "snapshots");
        Directory.CreateDirectory(latest);
        Directory.CreateDirectory(snapshotDir);
        var started = DateTimeOffset.UtcNow.AddDays(-2);
        File.WriteAllText(Path.Combine(latest, "run.json"),
            $"{{\"run_id\":\"bench\",\"status\":\"completed\",\"started_utc\":\"{started:O}\",\"ended_utc\":\"{started.AddDays(1):O}\"}}");
        Parallel.For(1, summaries + 1, new ParallelOptions { MaxDegreeOfParallelism = 2 }, n =>
            File.WriteAllBytes(Path.Combine(latest, $"ITER_SUMMARY_{n}.json"), Summary(n)));
        var old = DateTime.UtcNow.AddDays(-(days + 30));
        for (var i = 0; i < snapshots; i++)
        {
            var taken = old.AddMinutes(-i);
            var path = Path.Combine(snapshotDir, $"run-{i:D5}_{taken.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.json");
            File.WriteAllBytes(path, Snapshot(i, taken));
            File.SetLastWriteTimeUtc(path, taken);
        }
        using var sync = Process.Start("sync");
        sync.WaitForExit();
    }

    private static void Check(string who, string root, int keep, int snapshots)
    {
        var left = IterationFiles.List(Path.Combine(root, "latest"));
        var gz = Directory.GetFiles(Path.Combine(root, "snapshots"), "*.json.gz").Length;
        if (left.Count != keep || gz != snapshots)
        {
            throw new InvalidOperationException($"{who} left {left.Count} summaries and {gz} archives; expected {keep} and {snapshots}.");
        }
    }

    private static byte[] Summary(int n) => Encoding.UTF8.GetBytes(
        $$"""
        {
          "iteration": {{n}},
          "run_id": "bench",
          "timestamp": "2026-11-01T00:00:00+00:00",
          "summary": { "net_bps": {{2.5 + n % 10 / 10.0}}, "gross_bps": 4.1, "fees_eff_bps": 0.9, "slippage_bps": 0.7, "adverse_bps": 1.2, "risk_ratio": 0.31, "cancel_ratio": 0.44, "maker_share_pct": 91.5, "p95_latency_ms": 210 },
          "tuning": { "proposed_deltas": { "min_interval_ms": 5 }, "deltas": {}, "applied": false, "rationale": "risk elevated", "skip_reason": "cooldown", "state_hash": "3f2a9c0d5e8b7a6f1c4d2e0b9a8f7e6d5c4b3a2918f7e6d5c4b3a29180f7e6d5" },
          "kpi": { "verdict": "WARN", "reasons": ["net_bps < 2.7"] }
        }
        """);

    private static byte[] Snapshot(int i, DateTime taken)
    {
        var parameters = "{ \"base_spread_bps_delta\": 0.16, \"impact_cap_ratio\": 0.08, \"max_delta_ratio\": 0.12, \"min_interval_ms\": 75, \"replace_rate_per_min\": 260, \"tail_age_ms\": 740 }";
        var body = new StringBuilder();
        body.Append($"{{\n  \"run_id\": \"run-{i:D5}\",\n  \"started_utc\": \"{taken.AddHours(-6):O}\",\n  \"ended_utc\": \"{taken:O}\",\n  \"status\": \"completed\",\n  \"verdict\": \"OK\",\n");
        body.Append($"  \"profile\": \"steady_safe\",\n  \"source\": \"simulate\",\n  \"seed\": {i},\n  \"iterations_planned\": 96,\n  \"iterations_completed\": 96,\n  \"final_parameters\": {parameters},\n");
        body.Append($"  \"summary\": {{ \"count_by_verdict\": {{ \"OK\": {80 + i % 10}, \"WARN\": {16 - i % 10} }}, \"mean_net_bps\": {2.9 + i % 7 / 10.0}, \"applies\": {i % 13} }},\n");
        body.Append("  \"notes\": \"" + new string('-', 1200) + "\"\n}\n");
        return Encoding.UTF8.GetBytes(body.ToString());
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
