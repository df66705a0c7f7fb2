using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using SoakPS.Engine.Artifacts.FileSystem;

namespace SoakPS.Engine.Artifacts.Rotation;

/// <summary>
/// Compresses a file to &lt;name&gt;.gz so that the original is removed only once the archive on disk is proven to
/// decompress to exactly its bytes. The archive is written temp-then-rename, so an interrupted write leaves only a
/// hidden temp file that no reader takes for an archive; a failed verification removes the archive, never the original.
/// Memory stays bounded: the original is streamed once through the compressor while its SHA-256 is taken, and the
/// archive, once on disk, is streamed once through the decompressor and hashed. Equal hashes and lengths prove the
/// archive decodes to the original as surely as a byte-by-byte comparison (a SHA-256 collision is not a practical
/// event), without holding either file in memory or reading the original a second time.
/// </summary>
public static class VerifiedGzip
{
    private const int BufferSize = 64 * 1024;

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
        var archive = ArchivePath(path);
        byte[] originalHash;
        long originalLength;
        using (var original = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var counted = 0L;
            AtomicFile.Write(archive, stream =>
            {
                var output = wrapOutput?.Invoke(stream) ?? stream;
                using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
                {
                    counted = Copy(original, gzip, hash);
                }
                output.Flush();
            });
            originalHash = hash.GetHashAndReset();
            originalLength = counted;
        }
        if (!DecompressesTo(archive, originalHash, originalLength))
        {
            ArtifactFileSystem.Current.DeleteFile(archive);
            throw new SoakException("ArchiveVerificationFailed", SoakErrorKind.WriteError,
                $"The archive of '{path}' did not decompress to the original; the original is kept.", path);
        }
        ArtifactFileSystem.Current.DeleteFile(path);
        return new FileInfo(archive).Length;
    }

    /// <returns>The number of bytes copied, each also fed to <paramref name="hash"/>.</returns>
    private static long Copy(Stream from, Stream? to, IncrementalHash hash)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            int n;
            while ((n = from.Read(buffer, 0, BufferSize)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                to?.Write(buffer, 0, n);
                total += n;
            }
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool DecompressesTo(string archive, byte[] expectedHash, long expectedLength)
    {
        try
        {
            using var gzip = new GZipStream(new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), CompressionMode.Decompress);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var length = Copy(gzip, null, hash);
            return length == expectedLength && hash.GetHashAndReset().AsSpan().SequenceEqual(expectedHash);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
