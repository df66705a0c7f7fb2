namespace SoakPS.Bench;

/// <summary>Resident memory of this process from /proc (Linux), and a sampler that records the peak over a phase.</summary>
public sealed class ProcessMemory : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peak;

    private ProcessMemory()
    {
        Before = Rss();
        _peak = Before;
        _thread = new Thread(Sample) { IsBackground = true, Name = "rss-sampler" };
        _thread.Start();
    }

    /// <summary>Starts sampling resident memory every 2 ms until disposed.</summary>
    public static ProcessMemory Watch() => new();

    public long Before { get; }

    /// <summary>How far resident memory rose above its level when sampling began.</summary>
    public long PeakGrowth => Math.Max(0, Interlocked.Read(ref _peak) - Before);

    public static long Rss() => StatusKilobytes("VmRSS:") * 1024;

    /// <summary>The most resident memory this process has had so far (the kernel's high-water mark): a peak without a sampling thread.</summary>
    public static long PeakRss() => StatusKilobytes("VmHWM:") * 1024;

    private static long StatusKilobytes(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0]);
            }
        }
        return 0;
    }

    private void Sample()
    {
        while (!_stop)
        {
            var now = Rss();
            if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
            Thread.Sleep(2);
        }
    }

    /// <summary>Stops sampling after a last sample; <see cref="PeakGrowth"/> stays readable. Calling it again does nothing.</summary>
    public void Dispose()
    {
        if (_stop) return;
        var now = Rss();
        if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
        _stop = true;
        _thread.Join();
    }

    public static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MB";
}
