using System.IO.Compression;

namespace SoakPS.Engine.Files;

/// <summary>
/// Reads a file that someone else wrote (an edge report, a profile, the live overrides, a summary) without trusting
/// it: only a regular file is opened, and no more than a limit is read, counted on the inflated bytes of a .gz as
/// they come, so a small archive that inflates to gigabytes is refused before it fills memory.
/// </summary>
internal static class InputFile
{
    public const long DefaultMaxBytes = 16 * 1024 * 1024;

    /// <summary>The file's text, decoded by <see cref="InputText"/> whichever encoding marker it has.</summary>
    /// <exception cref="SoakException">InputNotAFile, InputTooLarge, InputUnreadable (with the I/O reason), or InputEncoding.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static string ReadText(string path, long maxBytes = DefaultMaxBytes)
    {
        var buffer = new byte[81920];
        return InputText.Decode(ReadBytes(path, ref buffer, maxBytes), path);
    }

    /// <summary>
    /// As <see cref="ReadText"/> for a file a bot leaves for the run (its edge report): a symbolic link there is refused
    /// (InputNotAFile), so no file outside the artifact root is pulled into the run's artifacts.
    /// </summary>
    public static string ReadTextNoLink(string path, long maxBytes)
    {
        var buffer = new byte[81920];
        return InputText.Decode(ReadBytes(path, ref buffer, maxBytes, noFollow: true), path);
    }

    /// <summary>As <see cref="ReadText"/>, into <paramref name="buffer"/> (grown when needed) so a reader of many files allocates once.</summary>
    public static ReadOnlySpan<byte> ReadBytes(string path, ref byte[] buffer, long maxBytes = DefaultMaxBytes) => ReadBytes(path, ref buffer, maxBytes, noFollow: false);

    private static ReadOnlySpan<byte> ReadBytes(string path, ref byte[] buffer, long maxBytes, bool noFollow)
    {
        var compressed = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        if (noFollow && FileIdentity.Of(path).IsLink)
        {
            throw NotAFile(path, "a symbolic link");
        }
        if (!RegularFileHandle.IsAvailable)
        {
            return ReadPortably(path, compressed, ref buffer, maxBytes);
        }
        using var file = RegularFileHandle.Open(path, noFollow);
        if (compressed)
        {
            return Inflate(path, file.ToStream(), ref buffer, maxBytes);
        }
        if (file.Length > maxBytes)
        {
            throw TooLarge(path, maxBytes, compressed: false);
        }
        var length = ReadAtMost(into => file.Read(into, path), maxBytes, ref buffer, () => TooLarge(path, maxBytes, compressed: false), file.Length);
        return buffer.AsSpan(0, length);
    }

    /// <summary>Where the Linux route is not available: ask for the file's kind first, then open it as a stream.</summary>
    private static ReadOnlySpan<byte> ReadPortably(string path, bool compressed, ref byte[] buffer, long maxBytes)
    {
        switch (FileKind.Of(path))
        {
            case FileKindValue.Missing:
                throw new FileNotFoundException($"'{path}' does not exist.", path);
            case FileKindValue.Directory:
                throw NotAFile(path, "a directory");
            case FileKindValue.Other:
                throw NotAFile(path, "not a regular file (a pipe, device or socket)");
        }
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        if (compressed)
        {
            return Inflate(path, file, ref buffer, maxBytes);
        }
        using (file)
        {
            // Refused before it is read, as on the Linux route: the size of a regular file is known.
            if (file.Length > maxBytes)
            {
                throw TooLarge(path, maxBytes, compressed: false);
            }
            var length = ReadAtMost(file, maxBytes, ref buffer, () => TooLarge(path, maxBytes, compressed: false));
            return buffer.AsSpan(0, length);
        }
    }

    /// <summary>Inflates a .gz stream (and disposes it), counting the limit on the inflated bytes.</summary>
    private static ReadOnlySpan<byte> Inflate(string path, Stream file, ref byte[] buffer, long maxBytes)
    {
        try
        {
            using var content = new GZipStream(file, CompressionMode.Decompress);
            var length = ReadAtMost(content, maxBytes, ref buffer, () => TooLarge(path, maxBytes, compressed: true));
            return buffer.AsSpan(0, length);
        }
        catch (InvalidDataException e)
        {
            throw new SoakException("InputUnreadable", SoakErrorKind.InvalidData, $"'{path}' is not a readable archive: {e.Message}", path, e);
        }
    }

    private static SoakException TooLarge(string path, long maxBytes, bool compressed) =>
        new("InputTooLarge", SoakErrorKind.InvalidData,
            $"'{path}' holds more than {maxBytes / (1024 * 1024.0):0.#} MB{(compressed ? " once decompressed" : string.Empty)}; refusing to read it.", path);

    /// <summary>Reads a stream to its end, stopping with <paramref name="tooLarge"/> as soon as more than <paramref name="maxBytes"/> arrive.</summary>
    public static byte[] ReadAtMost(Stream content, long maxBytes, Func<SoakException> tooLarge)
    {
        var buffer = new byte[81920];
        var length = ReadAtMost(content, maxBytes, ref buffer, tooLarge);
        return buffer.AsSpan(0, length).ToArray();
    }

    private static int ReadAtMost(Stream content, long maxBytes, ref byte[] buffer, Func<SoakException> tooLarge) =>
        ReadAtMost(content.Read, maxBytes, ref buffer, tooLarge);

    private delegate int ReadChunk(Span<byte> into);

    /// <summary>
    /// The one capped read loop, into <paramref name="buffer"/> (grown when needed); returns how many bytes it holds.
    /// With the file's size known, the buffer is made one byte larger: a shorter read is then the end, so one read is enough.
    /// Call it before naming the buffer: `buffer.AsSpan(0, ReadAtMost(..., ref buffer, ...))` takes the array it replaced.
    /// </summary>
    private static int ReadAtMost(ReadChunk read, long maxBytes, ref byte[] buffer, Func<SoakException> tooLarge, long knownLength = -1)
    {
        if (buffer.Length <= knownLength)
        {
            buffer = new byte[Math.Max(buffer.Length * 2L, knownLength + 1)];
        }
        var length = 0;
        int got;
        while ((got = read(buffer.AsSpan(length))) > 0)
        {
            length += got;
            if (length > maxBytes)
            {
                throw tooLarge();
            }
            if (length == knownLength && length < buffer.Length)
            {
                break;
            }
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(Array.MaxLength, Math.Max(buffer.Length * 2L, 4096)));
            }
        }
        return length;
    }

    internal static SoakException NotAFile(string path, string what) =>
        new("InputNotAFile", SoakErrorKind.InvalidData, $"'{path}' is {what}; expected a file.", path);
}
