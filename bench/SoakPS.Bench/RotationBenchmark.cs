using System.Diagnostics;
using System.Globalization;
using System.Text;
using SoakPS.Engine.Files;
using SoakPS.Engine.Rotation;

namespace SoakPS.Bench;

/// <summary>
/// docs/performance.md: rotating 100,000 summaries and 2,000 old snapshots must be at least as fast as
/// `find | sort -V | xargs rm` plus `gzip` over an identical tree. Both are timed on freshly built, synced trees.
/// </summary>
public sealed class RotationBenchmark : IBenchmark
{
    public string Name => "rotation";
    public string Description => "rotate N summaries + M old snapshots: SoakPS (own process) vs find|sort -V|xargs rm + gzip, time and peak RSS [--summaries 100000] [--snapshots 2000] [--keep 100] [--days 7] [--repeat 1]";

    public int Run(BenchArguments args)
    {
        if (args.Text("root") is { } root)
        {
            // The child side of a round: rotate one tree in this fresh process and say how long it took inside.
            // Also what the runtime itself holds before rotation starts, and how far rotation raised it: a pwsh session that
            // runs Invoke-SoakRotation already carries the runtime, so the growth is what rotation costs a user. The peak is
            // the kernel's high-water mark, not a sampling thread, which would take CPU from the rotation it measures.
            var baseline = ProcessMemory.Rss();
            var seconds = TimeSoakPS(root, args.Int("keep", 100), args.Int("days", 7));
            Console.WriteLine(string.Join(' ', seconds.ToString("R", CultureInfo.InvariantCulture), baseline, Math.Max(0, ProcessMemory.PeakRss() - baseline)));
            return 0;
        }
        foreach (var line in Measure(args.Int("summaries", 100_000), args.Int("snapshots", 2_000), args.Int("keep", 100), args.Int("days", 7), args.Int("repeat", 1)))
        {
            Console.WriteLine(line);
        }
        return 0;
    }

    public static IEnumerable<string> Measure(int summaries, int snapshots, int keep, int days, int repeat)
    {
        var workspace = BenchFiles.NewWorkspace("rotation");
        var soak = new List<Sample>();
        var shell = new List<Sample>();
        try
        {
            for (var round = 1; round <= repeat; round++)
            {
                var root = Path.Combine(workspace, $"soakps-{round}");
                Build(root, summaries, snapshots, days);
                soak.Add(Child(root, keep, days));
                Check("SoakPS", root, Math.Min(keep, summaries), snapshots);
                BenchFiles.Remove(root);

                root = Path.Combine(workspace, $"shell-{round}");
                Build(root, summaries, snapshots, days);
                shell.Add(Shell(root, keep, days));
                Check("shell", root, Math.Min(keep, summaries), snapshots);
                BenchFiles.Remove(root);
            }
        }
        finally
        {
            BenchFiles.Remove(workspace);
        }
        var s = BenchFiles.Median(soak.Select(x => x.Seconds));
        var w = BenchFiles.Median(soak.Select(x => x.ProcessSeconds));
        var r = BenchFiles.Median(soak.Select(x => (double)x.PeakRss));
        var baseline = BenchFiles.Median(soak.Select(x => (double)x.RuntimeRss));
        var growth = BenchFiles.Median(soak.Select(x => (double)x.RotationRssGrowth));
        var cpu = BenchFiles.Median(soak.Select(x => x.CpuSeconds));
        var sh = BenchFiles.Median(shell.Select(x => x.Seconds));
        var shr = BenchFiles.Median(shell.Select(x => (double)x.PeakRss));
        var shcpu = BenchFiles.Median(shell.Select(x => x.CpuSeconds));
        // Paired: each round's SoakPS process against the shell round run right after it on an identical tree.
        var paired = BenchFiles.Median(soak.Zip(shell, (a, b) => a.ProcessSeconds / b.Seconds));
        yield return $"Invoke-SoakRotation engine, {summaries:N0} summaries + {snapshots:N0} old snapshots, keep {keep}, {Environment.ProcessorCount} cores, median of {repeat}:";
        yield return $"  SoakPS (plan + execute + log, in process): {s,7:F3} s  (whole process {w:F3} s, CPU {cpu:F3} s), peak RSS {ProcessMemory.Mb((long)r)}";
        yield return $"    of which the runtime before rotation began {ProcessMemory.Mb((long)baseline)}; rotation's own peak growth +{ProcessMemory.Mb((long)growth)}";
        yield return $"  find | sort -V | xargs rm + gzip (bash):   {sh,7:F3} s  (CPU {shcpu:F3} s), peak RSS {ProcessMemory.Mb((long)shr)}";
        yield return $"  ratio SoakPS / shell {s / sh:F2} in process (budget <= 1.00: {(s <= sh ? "within" : "OVER")}); whole process, paired rounds {paired:F2}; CPU {cpu / shcpu:F2}; RSS budget <= 64 MB: {(r <= 64 * 1024 * 1024 ? "within" : "OVER")}";
    }

    private sealed record Sample(double Seconds, double ProcessSeconds, long PeakRss, double CpuSeconds, long RuntimeRss = 0, long RotationRssGrowth = 0);

    private static double TimeSoakPS(string root, int keep, int days)
    {
        var layout = new ArtifactLayout(root);
        var options = new RotationOptions { KeepSummaries = keep, CompressAfterDays = days };
        var watch = Stopwatch.StartNew();
        var plan = RotationPlanner.Plan(layout, options, TimeProvider.System);
        var result = RotationExecutor.Execute(layout, plan, options, TimeProvider.System, _ => true, whatIf: false);
        if (result.Failed > 0) throw new InvalidOperationException($"{result.Failed} rotation actions failed.");
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>SoakPS in a fresh process of its own, so its peak memory is measured like the shell's.</summary>
    private static Sample Child(string root, int keep, int days)
    {
        var self = Path.Combine(AppContext.BaseDirectory, "SoakPS.Bench.dll");
        var (output, seconds, rss, cpu) = Timed("dotnet", self, "rotation", "--root", root, "--keep", keep.ToString(CultureInfo.InvariantCulture), "--days", days.ToString(CultureInfo.InvariantCulture));
        var fields = output.Trim().Split(' ');
        return new Sample(double.Parse(fields[0], CultureInfo.InvariantCulture), seconds, rss, cpu,
            long.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[2], CultureInfo.InvariantCulture));
    }

    private static Sample Shell(string root, int keep, int days)
    {
        var script =
            $"set -e; cd '{root}/latest' && find . -maxdepth 1 -name 'ITER_SUMMARY_*.json' | sort -V | head -n -{keep} | xargs -r rm -f; " +
            $"cd '{root}/snapshots' && find . -maxdepth 1 -name '*.json' -mtime +{days} | xargs -r gzip";
        var (_, seconds, rss, cpu) = Timed("bash", "-c", script);
        return new Sample(seconds, seconds, rss, cpu);
    }

    /// <summary>Runs a command under GNU time: its output, wall seconds, the peak RSS of its largest process and the CPU time (user + system) of it and its children.</summary>
    private static (string Output, double Seconds, long PeakRss, double CpuSeconds) Timed(params string[] command)
    {
        var report = Path.GetTempFileName();
        try
        {
            var watch = Stopwatch.StartNew();
            var output = BenchProcess.Run("/usr/bin/time", new[] { "-f", "%M %U %S", "-o", report }.Concat(command));
            var seconds = watch.Elapsed.TotalSeconds;
            var fields = File.ReadAllLines(report).Last(l => l.Length > 0).Trim().Split(' ');
            var kilobytes = long.Parse(fields[0], CultureInfo.InvariantCulture);
            var cpu = double.Parse(fields[1], CultureInfo.InvariantCulture) + double.Parse(fields[2], CultureInfo.InvariantCulture);
            return (output, seconds, kilobytes * 1024, cpu);
        }
        finally
        {
            File.Delete(report);
        }
    }

    internal static void Build(string root, int summaries, int snapshots, int days)
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
        BenchFiles.Sync();
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
}
