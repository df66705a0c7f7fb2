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
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 65536);
            using Stream content = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            return Encoding.UTF8.GetString(ReadCapped(content, path, maxBytes));
        }
        catch (InvalidDataException e)
        {
            throw new SoakException("InputUnreadable", SoakErrorKind.InvalidData, $"'{path}' is not a readable archive: {e.Message}", path, e);
        }
    }

    private static byte[] ReadCapped(Stream content, string path, long maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new SoakException("InputTooLarge", SoakErrorKind.InvalidData,
                    $"'{path}' holds more than {maxBytes / (1024 * 1024.0):0.#} MB{(content is GZipStream ? " once decompressed" : string.Empty)}; refusing to read it.", path);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static SoakException NotAFile(string path, string what) =>
        new("InputNotAFile", SoakErrorKind.InvalidData, $"'{path}' is {what}; expected a file.", path);
}
