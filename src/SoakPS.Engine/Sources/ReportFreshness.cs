namespace SoakPS.Engine.Sources;

/// <summary>
/// Whether a report file was written during the iteration. File times are stamped by the operating system's wall
/// clock, so freshness is judged on that clock, not the run's; the tolerance absorbs the coarse clock some file
/// systems stamp with (a Linux tick, NTFS's 15.6 ms), far shorter than any real iteration.
/// </summary>
internal static class ReportFreshness
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(100);

    /// <summary>The wall-clock time an iteration's reports are judged against, taken just before the bot is started or awaited.</summary>
    public static DateTime Now() => DateTime.UtcNow;

    public static bool IsFresh(DateTime writtenUtc, DateTime iterationStartUtc) => writtenUtc >= iterationStartUtc - Tolerance;

    public static string Stale(string path, DateTime writtenUtc, DateTime iterationStartUtc) =>
        $"the report '{path}' is older than the iteration start (written {writtenUtc:yyyy-MM-ddTHH:mm:ss.fffZ}, iteration started {iterationStartUtc:yyyy-MM-ddTHH:mm:ss.fffZ})";
}
