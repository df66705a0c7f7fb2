using System.Text;
using System.Text.Json;
using SoakPS.Engine.Artifacts.FileSystem;
using SoakPS.Engine.Json;

namespace SoakPS.Engine.Journal;

/// <summary>
/// journal.jsonl: append-only, one JSON record per line, flushed to disk per record. Appends from another
/// process (an undo during a run) are serialised through <see cref="OverridesWriteLock"/>. A torn last line (a
/// crash mid-append) is ignored by readers and cut off before the next append.
/// </summary>
public sealed class JournalFile
{
    public JournalFile(string path) => Path = path;

    public string Path { get; }

    /// <returns>Where the record starts: <see cref="Withdraw"/> takes it back if what it records could not be done.</returns>
    public long Append(JournalEntry entry)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, SoakJson.Compact);
        var record = new byte[line.Length + 1];
        line.CopyTo(record, 0);
        record[^1] = (byte)'\n';
        return ArtifactFileSystem.Current.AppendRecord(Path, record);
    }

    /// <summary>
    /// Takes back the records appended from <paramref name="start"/> on, under the same lock as the append: a decision
    /// whose file replace failed was never applied, so the journal must not say it was.
    /// </summary>
    public void Withdraw(long start) => ArtifactFileSystem.Current.TruncateTo(Path, start);

    /// <summary>Every complete record in order; lines that do not parse (a torn tail) are skipped.</summary>
    public IEnumerable<JournalEntry> Read()
    {
        if (!File.Exists(Path))
        {
            yield break;
        }
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            JournalEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<JournalEntry>(line, SoakJson.Compact);
            }
            catch (JsonException)
            {
                continue;
            }
            if (entry is not null)
            {
                yield return entry;
            }
        }
    }

    /// <summary>The newest entry that says what the overrides are (a decision, undo, restore or external change).</summary>
    public JournalEntry? LastWithOverrides() => Read().LastOrDefault(e => e.Overrides is not null);
}
