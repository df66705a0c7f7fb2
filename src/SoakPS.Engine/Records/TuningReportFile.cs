using System.Buffers;
using System.Text.Json;
using SoakPS.Engine.Files;
using SoakPS.Engine.Records.Snapshots;

namespace SoakPS.Engine.Records;

/// <summary>
/// TUNING_REPORT.json written as the run goes, so that its end costs the same for 100 and 10,000 iterations
/// (docs/artifacts.md, docs/performance.md): each decision's line is appended, formatted as it will stand in the report, to a side file that
/// starts with the report's opening; the totals are a few counters. Completing appends the totals and renames the
/// side file over TUNING_REPORT.json. What grows with the run stays on disk, never in memory. The side file is a
/// cache of the journal: a resumed run rebuilds it from the journal once, and when it cannot be trusted the report
/// is built from the journal instead.
/// </summary>
internal sealed class TuningReportFile : IDisposable
{
    /// <summary>Lines flushed to disk together: keeps what the final flush must write (and so the run's end) bounded.</summary>
    private const int LinesPerFlush = 64;

    private readonly RunFolder _folder;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly SortedDictionary<string, int> _blockedByGuard = new(StringComparer.Ordinal);
    private readonly RunSnapshotSummaryBuilder _snapshot = new();
    private FileStream? _lines;
    private int _count;
    private int _applied;
    private int _lastIteration;
    private int _unflushed;

    private TuningReportFile(RunFolder folder)
    {
        _folder = folder;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = SoakJson.Options.WriteIndented, Encoder = SoakJson.Options.Encoder });
    }

    /// <summary>The side file, named as a temp file so that one left by a crash is never taken for an artifact.</summary>
    public static string LinesPath(RunFolder folder) => Path.Combine(folder.Path, ".TUNING_REPORT.json.lines.tmp");

    /// <summary>False once a line could not be written or came out of order: the report is then built from the journal.</summary>
    public bool IsIntact { get; private set; } = true;

    /// <summary>The snapshot's summary of the iterations added so far.</summary>
    public RunSnapshotSummary SnapshotSummary => _snapshot.Build();

    /// <summary>Starts the report of a new run.</summary>
    public static TuningReportFile Begin(RunFolder folder)
    {
        var report = new TuningReportFile(folder);
        report.Open();
        return report;
    }

    /// <summary>Rebuilds the report so far from the journal of a resumed run (its decisions in order), once.</summary>
    public static TuningReportFile Rebuild(RunFolder folder, IEnumerable<JournalEntry> journal)
    {
        var report = Begin(folder);
        foreach (var entry in journal)
        {
            report.Add(entry);
        }
        return report;
    }

    /// <summary>Takes a journal record; only decisions count. Never throws: a failure makes the report fall back to the journal.</summary>
    public void Add(JournalEntry record)
    {
        if (record.Type != JournalEntry.Decision || record.Iteration is not { } n || !IsIntact)
        {
            return;
        }
        if (n <= _lastIteration)
        {
            // A second decision for an iteration replaces the first in the report: a line already written cannot.
            IsIntact = false;
            return;
        }
        _lastIteration = n;
        var entry = TuningReport.EntryOf(record);
        _count++;
        if (entry.Applied) _applied++;
        foreach (var status in TuningReport.BlockedStatuses(record))
        {
            _blockedByGuard[status] = _blockedByGuard.GetValueOrDefault(status) + 1;
        }
        TuningReport.CountIn(_snapshot, entry);
        Guarded(() =>
        {
            JsonSerializer.Serialize(_writer, entry, SoakJson.Options);
            WritePending();
            if (++_unflushed >= LinesPerFlush)
            {
                ArtifactFileSystem.Current.ForceToDisk(_lines!);
                _unflushed = 0;
            }
        });
    }

    /// <summary>Closes the report with its totals and puts it in place as TUNING_REPORT.json (durably, atomically).</summary>
    /// <returns>False when the report could not be completed from the side file: the caller builds it from the journal.</returns>
    public bool Complete()
    {
        if (IsIntact)
        {
            Guarded(() =>
            {
                _writer.WriteEndArray();
                _writer.WritePropertyName(SoakJson.Options.PropertyNamingPolicy!.ConvertName(nameof(TuningReport.Summary)));
                JsonSerializer.Serialize(_writer, new TuningReportSummary(_count, _applied, _blockedByGuard), SoakJson.Options);
                _writer.WriteEndObject();
                WritePending();
                ArtifactFileSystem.Current.ForceToDisk(_lines!);
                _lines!.Dispose();
                _lines = null;
                ArtifactFileSystem.Current.Replace(LinesPath(_folder), _folder.TuningReport);
            });
        }
        var completed = IsIntact;
        // The side file is now the report (or broken, and then of no use): nothing more can be added to it.
        IsIntact = false;
        if (!completed)
        {
            Dispose();
            try { File.Delete(LinesPath(_folder)); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        return completed;
    }

    private void Open()
    {
        Guarded(() =>
        {
            _lines = new FileStream(LinesPath(_folder), FileMode.Create, FileAccess.Write, FileShare.Read | FileShare.Delete, 16 * 1024);
            _writer.WriteStartObject();
            _writer.WritePropertyName(SoakJson.Options.PropertyNamingPolicy!.ConvertName(nameof(TuningReport.Iterations)));
            _writer.WriteStartArray();
            WritePending();
        });
    }

    /// <summary>Moves what the writer produced since the last call to the side file; the writer keeps its place in the document.</summary>
    private void WritePending()
    {
        _writer.Flush();
        _lines!.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    private void Guarded(Action step)
    {
        try
        {
            step();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SoakException or InvalidOperationException)
        {
            IsIntact = false;
        }
    }

    public void Dispose()
    {
        try
        {
            // Closing writes what is still buffered; on a full disk that fails, and the handle is closed all the same.
            _lines?.Dispose();
        }
        catch (IOException)
        {
            IsIntact = false;
        }
        _lines = null;
        _writer.Dispose();
    }
}
