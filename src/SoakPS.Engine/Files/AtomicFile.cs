using System.IO.Compression;
using System.Text;

namespace SoakPS.Engine.Files;

/// <summary>
/// Whole-file writes that a reader never sees half done: write a temp file in the same folder, flush it to
/// disk, then rename it over the target. The flush and the rename go through <see cref="ArtifactFileSystem"/>, which waits
/// on Windows for a reader that has the target open without FILE_SHARE_DELETE.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    // Temp names unique across processes (pid, a random part drawn once) and within one (a counter): no random draw per write.
    private static readonly string TempTag = $"{Environment.ProcessId}.{Guid.NewGuid():N}";
    private static long _tempCount;

    public static void WriteAllText(string path, string content, bool durable = true) => WriteAllBytes(path, Utf8NoBom.GetBytes(content), durable);

    /// <param name="durable">
    /// Force the content to disk before the rename (the default). Only a file that is a cache of durable data (the guard
    /// state, rebuilt from the journal) may skip it: the rename stays atomic, so no reader ever sees it half written.
    /// </param>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content, bool durable = true)
    {
        var temp = Stage(path, content, durable);
        Replace(temp, path);
    }

    /// <summary>Writes through a stream callback (for large or compressed content), with the same temp-then-rename guarantee.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var (temp, handle) = CreateTemp(path);
        try
        {
            using var stream = new FileStream(handle, FileAccess.Write, 65536);
            write(stream);
            ArtifactFileSystem.Current.ForceToDisk(stream);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        Replace(temp, path);
    }

    /// <summary>
    /// Writes <paramref name="content"/> to a new temp file next to <paramref name="path"/> (flushed to disk when
    /// <paramref name="durable"/>) and returns its name, for a caller that puts it in place with its own rename.
    /// </summary>
    public static string Stage(string path, ReadOnlySpan<byte> content, bool durable = true)
    {
        var (temp, handle) = CreateTemp(path);
        try
        {
            using (handle)
            {
                RandomAccess.Write(handle, content, 0);
                if (durable)
                {
                    ArtifactFileSystem.Current.ForceToDisk(handle);
                }
            }
            return temp;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void Replace(string temp, string path)
    {
        try
        {
            ArtifactFileSystem.Current.Replace(temp, path);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>A new temp file in the target's folder; the folder is created only when it is missing, not asked for on every write.</summary>
    private static (string Temp, Microsoft.Win32.SafeHandles.SafeFileHandle Handle) CreateTemp(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{TempTag}.{Interlocked.Increment(ref _tempCount)}.tmp");
        try
        {
            return (temp, NewFile.CreateForWriting(temp));
        }
        catch (DirectoryNotFoundException)
        {
            Directory.CreateDirectory(directory);
            return (temp, NewFile.CreateForWriting(temp));
        }
    }

    /// <summary>Reads a text artifact, decompressing it when it is a .gz file.</summary>
    public static string ReadAllText(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return File.ReadAllText(path, Encoding.UTF8);
        }
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Temp files left by a writer that died mid-write; safe to remove, never mistaken for artifacts.</summary>
    public static bool IsTempFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
