using System.Globalization;
using SoakPS.Engine.Files;

namespace SoakPS.Engine.Sources;

/// <summary>
/// A long-running bot that reloads runtime_overrides.json by itself and writes an edge report every window (docs/sources.md).
/// An iteration starts once the overrides are in place and waits for a report written after its start and not
/// consumed before, for up to the window plus a grace period: a file-system notification wakes it at once, a poll
/// covers file systems that notify late or never (network shares, some containers). A report still being written is
/// read once its size and time have settled.
/// </summary>
internal sealed class ReportFileSource : IEdgeReportSource
{
    public const string SourceName = "report";
    public const string ReportPathOption = "report_path";
    public const string IterationSecondsOption = "iteration_seconds";
    public const string GraceSecondsOption = "grace_seconds";

    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(100);

    private readonly FileSystemWatcher? _watcher;
    private readonly SemaphoreSlim _changed = new(0);
    private FileIdentity _consumed = FileIdentity.Missing;
    private string? _consumedText;

    public ReportFileSource(string reportPath, TimeSpan window, TimeSpan grace)
        : this(reportPath, window, grace, watch: true)
    {
    }

    /// <param name="watch">False leaves only the poll, as on a file system that never notifies (tests use it).</param>
    internal ReportFileSource(string reportPath, TimeSpan window, TimeSpan grace, bool watch)
    {
        if (window <= TimeSpan.Zero || grace < TimeSpan.Zero)
        {
            throw new SoakException("InvalidReportWindow", SoakErrorKind.InvalidArgument,
                $"The report window must be positive and the grace period not negative (window {window.TotalSeconds} s, grace {grace.TotalSeconds} s).", window);
        }
        ReportPath = Path.GetFullPath(reportPath);
        var folder = Path.GetDirectoryName(ReportPath)!;
        if (!Directory.Exists(folder))
        {
            throw new SoakException("ReportFolderNotFound", SoakErrorKind.ObjectNotFound, $"The folder of the report file '{ReportPath}' does not exist.", reportPath);
        }
        if (Directory.Exists(ReportPath))
        {
            throw new SoakException("ReportPathIsDirectory", SoakErrorKind.InvalidArgument,
                $"The report path '{ReportPath}' is a directory; name the file the bot writes its edge report to.", reportPath);
        }
        Window = window;
        Grace = grace;
        if (!watch)
        {
            return;
        }
        try
        {
            _watcher = new FileSystemWatcher(folder, Path.GetFileName(ReportPath))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += (_, _) => Signal();
            _watcher.Created += (_, _) => Signal();
            _watcher.Renamed += (_, _) => Signal();
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or ArgumentException)
        {
            // No notifications here (inotify watches exhausted, an unsupported file system): polling alone still works.
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    public string ReportPath { get; }
    public TimeSpan Window { get; }
    public TimeSpan Grace { get; }

    /// <summary>Whether file-system notifications are in use; without them the poll alone finds reports.</summary>
    public bool Watching => _watcher is not null;

    public static IEdgeReportSource Create(SourceSettings settings) => new ReportFileSource(
        settings.Required(ReportPathOption, SourceName),
        settings.Seconds(IterationSecondsOption, SourceName),
        settings.Seconds(GraceSecondsOption, SourceName, DefaultGrace));

    public string Name => SourceName;

    public SourceClock Clock => SourceClock.Wall;

    public TimeSpan DefaultInterval => TimeSpan.FromSeconds(300);

    public SourceSettings Settings => new(null, Options(ReportPath, Window, Grace));

    /// <summary>The options that create a report-file source, as persisted in run.json.</summary>
    public static IReadOnlyDictionary<string, string> Options(string reportPath, TimeSpan window, TimeSpan grace) => new Dictionary<string, string>
    {
        [ReportPathOption] = reportPath,
        [IterationSecondsOption] = window.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),
        [GraceSecondsOption] = grace.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),
    };

    public async Task<SourceResult> ObtainAsync(IterationContext context, CancellationToken cancellationToken)
    {
        // After a resume this process has consumed nothing yet: what the run kept of the last iteration's report stands for it.
        _consumedText ??= context.PreviousReportPath is { } previous && File.Exists(previous) ? InputFile.ReadText(previous, EdgeReports.EdgeReportReader.MaxBytes) : null;
        var startedUtc = ReportFreshness.Now();
        var deadline = startedUtc + Window + Grace;
        while (true)
        {
            if (await TryTakeFreshAsync(startedUtc, cancellationToken).ConfigureAwait(false) is { } taken)
            {
                return taken;
            }
            var left = deadline - ReportFreshness.Now();
            if (left <= TimeSpan.Zero)
            {
                return SourceResult.Failure(Missing(startedUtc));
            }
            await _changed.WaitAsync(left < PollInterval ? left : PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private string Missing(DateTime startedUtc)
    {
        var file = new FileInfo(ReportPath);
        var waited = (Window + Grace).TotalSeconds.ToString(CultureInfo.InvariantCulture);
        return file.Exists
            ? $"no new report within {waited} s (window plus grace); " + (ReportFreshness.IsFresh(file.LastWriteTimeUtc, startedUtc)
                ? $"the report '{ReportPath}' is the one already used"
                : ReportFreshness.Stale(ReportPath, file.LastWriteTimeUtc, startedUtc))
            : $"no report at '{ReportPath}' within {waited} s (window plus grace)";
    }

    /// <summary>
    /// The report if a new one was written since the iteration started and has stopped changing; a failure if what is
    /// there can never be a report (not a regular file, over the size limit); null to look again.
    /// </summary>
    private async Task<SourceResult?> TryTakeFreshAsync(DateTime startedUtc, CancellationToken cancellationToken)
    {
        // New means another file, size or write time than the one consumed last, and written since the iteration started:
        // one report dated a day ahead must not make every later one look old, nor be taken twice.
        var seen = FileIdentity.Of(ReportPath);
        if (seen.Kind == FileKindValue.Missing || seen == _consumed || !ReportFreshness.IsFresh(new DateTime(seen.WriteTicks, DateTimeKind.Utc), startedUtc))
        {
            return null;
        }
        // A bot that writes in place (not by rename) may be mid-write: wait until two looks agree.
        await Task.Delay(SettleTime, cancellationToken).ConfigureAwait(false);
        if (FileIdentity.Of(ReportPath) != seen)
        {
            return null;
        }
        try
        {
            // Not trusted: a pipe would block the read forever, a runaway file would fill memory, a link would pull in a foreign file.
            var text = InputFile.ReadTextNoLink(ReportPath, EdgeReports.EdgeReportReader.MaxBytes);
            var repeat = _consumed == FileIdentity.Missing && text == _consumedText;
            (_consumed, _consumedText) = (seen, text);
            return repeat ? null : SourceResult.Report(text);
        }
        catch (SoakException e)
        {
            _consumed = seen;
            return SourceResult.Failure($"the report '{ReportPath}' cannot be used: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // Replaced or locked while we read it: the next look gets the new one.
        }
    }

    private void Signal()
    {
        if (_changed.CurrentCount == 0)
        {
            _changed.Release();
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _changed.Dispose();
    }
}
