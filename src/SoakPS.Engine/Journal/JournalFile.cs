using System.Text;
using System.Text.Json;
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

    public void Append(JournalEntry entry)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, SoakJson.Compact);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        TrimTornTail(stream);
        stream.Seek(0, SeekOrigin.End);
        stream.Write(line);
        stream.WriteByte((byte)'\n');
        stream.Flush(flushToDisk: true);
    }

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

    private static void TrimTornTail(FileStream stream)
    {
        if (stream.Length == 0)
        {
            return;
        }
        stream.Seek(-1, SeekOrigin.End);
        if (stream.ReadByte() == '\n')
        {
            return;
        }
        // Find the last newline and cut everything after it: that partial record was never acknowledged.
        var position = stream.Length - 1;
        var buffer = new byte[1];
        while (position > 0)
        {
            position--;
            stream.Seek(position, SeekOrigin.Begin);
            stream.ReadExactly(buffer);
            if (buffer[0] == '\n')
            {
                stream.SetLength(position + 1);
                return;
            }
        }
        stream.SetLength(0);
    }
}
