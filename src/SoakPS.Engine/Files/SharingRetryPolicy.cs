namespace SoakPS.Engine.Files;

/// <summary>
/// How long a replace or delete waits for another process to let go of a file: a bounded number of attempts with
/// doubling delays. Only Windows needs it (a reader without FILE_SHARE_DELETE blocks a rename over the file it
/// reads); on Linux and macOS a rename or unlink never waits for readers, so a failure there is never retried.
/// </summary>
internal sealed record SharingRetryPolicy(int Attempts, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    /// <summary>About 2.6 s in all: longer than a bot's read or a scanner's look at a small file, short enough to report.</summary>
    public static readonly SharingRetryPolicy Windows = new(12, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(500));

    public static readonly SharingRetryPolicy None = new(1, TimeSpan.Zero, TimeSpan.Zero);

    public static SharingRetryPolicy ForThisPlatform => OperatingSystem.IsWindows() ? Windows : None;

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1 (attempts count from 1).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var ticks = FirstDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public TimeSpan TotalWait => TimeSpan.FromTicks(Enumerable.Range(1, Math.Max(0, Attempts - 1)).Sum(a => DelayAfter(a).Ticks));
}
