namespace SoakPS.Bench;

/// <summary>The budget table of docs/performance.md in one run: every row with the reference measured in the same run and the ratio.</summary>
public sealed class BudgetTableBenchmark : IBenchmark
{
    public string Name => "table";
    public string Description => "every budget of docs/performance.md in one run: read, rotation (large, its compression alone, daily), iterations, run end and system calls per iteration [--summaries 100000] [--iterations 10000]";

    public int Run(BenchArguments args)
    {
        var summaries = args.Int("summaries", 100_000);
        var iterations = args.Int("iterations", 10_000);
        Console.WriteLine($"# {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine(HistoryReadBenchmark.Measure(summaries));
        Console.Out.Flush();
        foreach (var line in RotationBenchmark.Measure(summaries, summaries / 50, keep: 100, days: 7, repeat: 1)) Console.WriteLine(line);
        // The "of which compression" row: the same old snapshots with no summaries, against gzip alone.
        foreach (var line in RotationBenchmark.Measure(0, summaries / 50, keep: 100, days: 7, repeat: 1)) Console.WriteLine(line);
        foreach (var line in RotationBenchmark.Measure(1_000, 20, keep: 100, days: 7, repeat: 3)) Console.WriteLine(line);
        Console.Out.Flush();
        foreach (var line in IterationOverheadBenchmark.Measure(iterations, 200)) Console.WriteLine(line);
        foreach (var line in SyscallBenchmark.Measure(100, 600)) Console.WriteLine(line);
        Console.WriteLine($"# load after {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }
}
