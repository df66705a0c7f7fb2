using System.Text;

namespace SoakPS.Engine.Sources.Processes;

/// <summary>
/// Copies a process's output stream to a log file that never grows past <see cref="MaxBytes"/> plus one note: the
/// first half of the bound is written as it arrives, the last half is kept in memory and written at the end, and a
/// line between them says how many bytes were left out. The stream is always read to its end so the process never
/// blocks on a full pipe.
/// </summary>
internal static class BoundedLog
{
    /// <summary>The most a log keeps of one stream: its first 512 KiB and its last 512 KiB.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>
    /// The log as a new file: whatever is at its name (an earlier attempt's log, or a link a bot left to a file outside
    /// the root) is set aside, and the create refuses to follow a link that appears in between.
    /// </summary>
    private static FileStream CreateNew(string path)
    {
        Files.SetAside.Move(path, DateTimeOffset.UtcNow);
        return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
    }

    public static async Task<long> CopyAsync(Stream source, string path, int maxBytes = MaxBytes)
    {
        var headBytes = maxBytes / 2;
        var tail = new TailBuffer(maxBytes - headBytes);
        long total = 0;
        long written = 0;
        using var file = CreateNew(path);
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                total += read;
                var chunk = buffer.AsMemory(0, read);
                var toHead = (int)Math.Min(read, headBytes - written);
                if (toHead > 0)
                {
                    await file.WriteAsync(chunk[..toHead]).ConfigureAwait(false);
                    written += toHead;
                    chunk = chunk[toHead..];
                }
                tail.Append(chunk.Span);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe was closed under us (a process that escaped the tree kept it open): keep what arrived.
        }
        var omitted = total - written - tail.Count;
        if (omitted > 0)
        {
            var note = $"\n[SoakPS: {omitted} bytes of output left out here; this log keeps the first {headBytes} and the last {tail.Capacity} bytes of {total}]\n";
            await file.WriteAsync(Encoding.UTF8.GetBytes(note)).ConfigureAwait(false);
        }
        await file.WriteAsync(tail.ToArray()).ConfigureAwait(false);
        await file.FlushAsync().ConfigureAwait(false);
        return total;
    }

    /// <summary>The last <see cref="Capacity"/> bytes appended.</summary>
    private sealed class TailBuffer
    {
        private readonly byte[] _ring;
        private int _start;

        public TailBuffer(int capacity) => _ring = new byte[capacity];

        public int Capacity => _ring.Length;
        public int Count { get; private set; }

        public void Append(ReadOnlySpan<byte> data)
        {
            if (data.Length >= _ring.Length)
            {
                data[^_ring.Length..].CopyTo(_ring);
                _start = 0;
                Count = _ring.Length;
                return;
            }
            var overflow = Count + data.Length - _ring.Length;
            if (overflow > 0)
            {
                _start = (_start + overflow) % _ring.Length;
                Count -= overflow;
            }
            var position = (_start + Count) % _ring.Length;
            var first = Math.Min(data.Length, _ring.Length - position);
            data[..first].CopyTo(_ring.AsSpan(position));
            data[first..].CopyTo(_ring);
            Count += data.Length;
        }

        public byte[] ToArray()
        {
            var result = new byte[Count];
            for (var i = 0; i < Count; i++)
            {
                result[i] = _ring[(_start + i) % _ring.Length];
            }
            return result;
        }
    }
}
