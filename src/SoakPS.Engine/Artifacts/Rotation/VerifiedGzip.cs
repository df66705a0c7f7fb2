using SoakPS.Engine.Artifacts.FileSystem;
using System.IO.Compression;

namespace SoakPS.Engine.Artifacts.Rotation;

/// <summary>
/// Compresses a file to &lt;name&gt;.gz so that the original is removed only once the archive on disk is proven to
/// decompress to exactly its bytes. The archive is written temp-then-rename, so an interrupted write leaves only a
/// hidden temp file that no reader takes for an archive; a failed verification removes the archive, never the original.
/// </summary>
public static class VerifiedGzip
{
    /// <summary>The archive's path for a file: the same name with .gz appended.</summary>
    public static string ArchivePath(string path) => path + ".gz";

    /// <param name="wrapOutput">Lets a test fail the write midway; production passes null.</param>
    /// <returns>The archive's size in bytes.</returns>
    public static long Compress(string path, Func<Stream, Stream>? wrapOutput = null)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || !info.Exists)
        {
            throw new SoakException("RotationTargetChanged", SoakErrorKind.InvalidOperation, $"'{path}' is no longer a regular file; it is left alone.", path);
        }
        var original = File.ReadAllBytes(path);
        var archive = ArchivePath(path);
        var compressed = Gzip(original);
        AtomicFile.Write(archive, stream =>
        {
            var output = wrapOutput?.Invoke(stream) ?? stream;
            output.Write(compressed);
            output.Flush();
        });
        if (!DecompressesTo(archive, original))
        {
            ArtifactFileSystem.Current.DeleteFile(archive);
            throw new SoakException("ArchiveVerificationFailed", SoakErrorKind.WriteError,
                $"The archive of '{path}' did not decompress to the original; the original is kept.", path);
        }
        ArtifactFileSystem.Current.DeleteFile(path);
        return compressed.Length;
    }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream(content.Length / 3 + 64);
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }
        return buffer.ToArray();
    }

    private static bool DecompressesTo(string archive, byte[] original)
    {
        try
        {
            using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
            var actual = new byte[original.Length];
            var read = 0;
            int n;
            while (read < actual.Length && (n = gzip.Read(actual, read, actual.Length - read)) > 0) read += n;
            return read == original.Length && gzip.ReadByte() == -1 && actual.AsSpan().SequenceEqual(original);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
