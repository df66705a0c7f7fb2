using System.Diagnostics;

namespace SoakPS.Bench;

/// <summary>Wall time and this process's CPU time (all threads) spent on one piece of work.</summary>
internal readonly record struct ProcessTime(TimeSpan Wall, TimeSpan Cpu)
{
    public static ProcessTime Of(Action work)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        work();
        watch.Stop();
        process.Refresh();
        return new ProcessTime(watch.Elapsed, process.TotalProcessorTime - cpu);
    }
}
