using System.Text;
using System.Text.Json;
using SoakPS.Engine.Files;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Journal;

/// <summary>
/// journal.jsonl: append-only, one JSON record per line, flushed to disk per record. Appends from another
/// process (an undo during a run) are serialised through <see cref="OverridesWriteLock"/>. A torn last line (a
/// crash mid-append) is ignored by readers and cut off before the next append; a complete last record that lost only its newline is kept.
/// </summary>
internal sealed class JournalFile
{
    private FileStream? _held;
    private long _heldEnd = -1;

    public JournalFile(string path) => Path = path;

    public string Path { get; }

    /// <summary>
    /// Keeps the journal open for this writer's appends until the returned lease is disposed (a run's whole life):
    /// one open per run instead of one per record. Appends stay serialised by the caller's overrides lock.
    /// </summary>
    public IDisposable KeepOpen()
    {
        _held ??= ArtifactFileSystem.Current.OpenForAppend(Path);
        _heldEnd = -1;
        return new Lease(this);
    }

    /// <returns>Where the record starts: <see cref="Withdraw"/> takes it back if what it records could not be done.</returns>
    public long Append(JournalEntry entry)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, SoakJson.Compact);
        var record = new byte[line.Length + 1];
        line.CopyTo(record, 0);
        record[^1] = (byte)'\n';
        // A complete last record that lost only its newline is kept; a partial one was never acknowledged and is cut.
        Func<byte[], bool> isComplete = tail => Parse(Encoding.UTF8.GetString(tail)) is not null;
        if (_held is null)
        {
            return ArtifactFileSystem.Current.AppendRecord(Path, record, isComplete);
        }
        // Unknown until this append succeeds: a failed one may have left anything at the end.
        var knownEnd = _heldEnd;
        _heldEnd = -1;
        var start = ArtifactFileSystem.Current.AppendRecord(_held, record, knownEnd, isComplete);
        _heldEnd = start + record.Length;
        return start;
    }

    private sealed class Lease(JournalFile journal) : IDisposable
    {
        public void Dispose()
        {
            journal._held?.Dispose();
            journal._held = null;
            journal._heldEnd = -1;
        }
    }

    /// <summary>
    /// Takes back the records appended from <paramref name="start"/> on, under the same lock as the append: a change
    /// whose file replace failed never happened, so the journal must not say it did.
    /// </summary>
    public void Withdraw(long start)
    {
        _heldEnd = -1;
        ArtifactFileSystem.Current.TruncateTo(Path, start);
    }

    /// <summary>Every complete record in order; lines that do not parse (a torn tail, damage) are skipped. For reports; decisions use <see cref="ReadVerified"/>.</summary>
    public IEnumerable<JournalEntry> Read() => Lines().Where(l => l.Entry is not null).Select(l => l.Entry!);

    /// <summary>
    /// Every record, for what acts on them (undo, resume): refuses a journal that cannot be trusted instead of skipping
    /// what it cannot read. Only a torn last line (no newline: a crash mid-append) is ignored.
    /// </summary>
    /// <exception cref="SoakException">JournalDamaged: a line is not a record, or one iteration has two decisions, or decisions are out of order.</exception>
    public List<JournalEntry> ReadVerified()
    {
        var entries = new List<JournalEntry>();
        var decided = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in Lines())
        {
            if (line.Entry is not { } entry)
            {
                if (line.IsTornTail)
                {
                    continue;
                }
                throw Damaged(line.Number, "is not a journal record");
            }
            if (entry.Type == JournalEntry.Decision && entry.Iteration is { } n)
            {
                if (decided.TryGetValue(entry.RunId, out var previous) && n <= previous)
                {
                    throw Damaged(line.Number, n == previous
                        ? $"is a second decision for iteration {n} of run {entry.RunId}"
                        : $"decides iteration {n} of run {entry.RunId} after iteration {previous} (records out of order)");
                }
                decided[entry.RunId] = n;
            }
            entries.Add(entry);
        }
        return entries;
    }

    private SoakException Damaged(int line, string problem) =>
        new("JournalDamaged", SoakErrorKind.InvalidData,
            $"The journal '{Path}' is damaged: line {line} {problem}. Nothing was changed; keep the file for inspection and repair or move it before acting on this run.", Path);

    private sealed record JournalLine(int Number, JournalEntry? Entry, bool IsTornTail);

    private IEnumerable<JournalLine> Lines()
    {
        if (!File.Exists(Path))
        {
            yield break;
        }
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var endsWithNewline = stream.Length == 0 || EndsWithNewline(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var number = 0;
        var line = reader.ReadLine();
        while (line is not null)
        {
            number++;
            var next = reader.ReadLine();
            if (line.Length > 0)
            {
                var entry = Parse(line);
                yield return new JournalLine(number, entry, entry is null && next is null && !endsWithNewline);
            }
            line = next;
        }
    }

    private static bool EndsWithNewline(FileStream stream)
    {
        stream.Seek(-1, SeekOrigin.End);
        var last = stream.ReadByte();
        stream.Seek(0, SeekOrigin.Begin);
        return last == '\n';
    }

    private static JournalEntry? Parse(string line)
    {
        try
        {
            var entry = JsonSerializer.Deserialize<JournalEntry>(line, SoakJson.Compact);
            return entry is { Type.Length: > 0 } ? entry : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The newest entry that says what the overrides are (a decision, undo, restore or external change).</summary>
    public JournalEntry? LastWithOverrides() => Read().LastOrDefault(e => e.Overrides is not null);
}
