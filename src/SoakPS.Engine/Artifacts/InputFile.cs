using System.IO.Compression;
using System.Text;

namespace SoakPS.Engine.Artifacts;

/// <summary>
/// Reads a file that someone else wrote (an edge report, a profile, the live overrides, a summary) without trusting
/// it: only a regular file is opened, and no more than a limit is read, counted on the inflated bytes of a .gz as
/// they come, so a small archive that inflates to gigabytes is refused before it fills memory.
/// </summary>
public static class InputFile
{
    public const long DefaultMaxBytes = 16 * 1024 * 1024;

    /// <exception cref="SoakException">InputNotAFile, InputTooLarge, or InputUnreadable (with the I/O reason).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static string ReadText(string path, long maxBytes = DefaultMaxBytes)
    {
        var buffer = new byte[81920];
        return Encoding.UTF8.GetString(ReadBytes(path, ref buffer, maxBytes));
    }

    /// <summary>As <see cref="ReadText"/>, into <paramref name="buffer"/> (grown when needed) so a reader of many files allocates once.</summary>
    public static ReadOnlySpan<byte> ReadBytes(string path, ref byte[] buffer, long maxBytes = DefaultMaxBytes)
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
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            using Stream content = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            var length = ReadAtMost(content, maxBytes, ref buffer, () => new SoakException("InputTooLarge", SoakErrorKind.InvalidData,
                $"'{path}' holds more than {maxBytes / (1024 * 1024.0):0.#} MB{(content is GZipStream ? " once decompressed" : string.Empty)}; refusing to read it.", path));
            return buffer.AsSpan(0, length);
        }
        catch (InvalidDataException e)
        {
            throw new SoakException("InputUnreadable", SoakErrorKind.InvalidData, $"'{path}' is not a readable archive: {e.Message}", path, e);
        }
    }

    /// <summary>Reads a stream to its end, stopping with <paramref name="tooLarge"/> as soon as more than <paramref name="maxBytes"/> arrive.</summary>
    public static byte[] ReadAtMost(Stream content, long maxBytes, Func<SoakException> tooLarge)
    {
        var buffer = new byte[81920];
        return buffer.AsSpan(0, ReadAtMost(content, maxBytes, ref buffer, tooLarge)).ToArray();
    }

    /// <summary>As above, into <paramref name="buffer"/> (grown when needed); returns how many bytes it holds.</summary>
    private static int ReadAtMost(Stream content, long maxBytes, ref byte[] buffer, Func<SoakException> tooLarge)
    {
        var length = 0;
        int read;
        while ((read = content.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
            if (length > maxBytes)
            {
                throw tooLarge();
            }
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(Array.MaxLength, Math.Max(buffer.Length * 2L, 4096)));
            }
        }
        return length;
    }

    private static SoakException NotAFile(string path, string what) =>
        new("InputNotAFile", SoakErrorKind.InvalidData, $"'{path}' is {what}; expected a file.", path);
}
