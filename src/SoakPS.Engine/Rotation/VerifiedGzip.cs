using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using SoakPS.Engine.Files;

namespace SoakPS.Engine.Rotation;

/// <summary>
/// Compresses a file to &lt;name&gt;.gz so that the original is removed only once its archive is proven to decompress
/// to exactly its bytes. The archive is written temp-then-rename, so an interrupted write leaves only a hidden temp file
/// that no reader takes for an archive; a failed verification never removes the original.
/// A file up to <see cref="InMemoryLimit"/> (every snapshot and summary in practice) is read once, compressed into
/// memory, and the compressed bytes are inflated and compared byte for byte with the original before they are written:
/// the bytes handed to the file are exactly the bytes proven to decode to the original, and a failed write or fsync
/// throws before the original is touched. Reading the archive back from disk would add nothing: right after the write
/// it comes from the page cache, i.e. from the same bytes. A larger file is streamed (memory stays bounded): hashed with
/// SHA-256 while it is compressed, and the archive on disk is streamed once through the decompressor and hashed.
/// </summary>
internal static class VerifiedGzip
{
    private const int BufferSize = 64 * 1024;

    /// <summary>The archive's path for a file: the same name with .gz appended.</summary>
    public static string ArchivePath(string path) => path + ".gz";

    /// <summary>Files up to this size are compressed and verified in memory.</summary>
    public const int InMemoryLimit = 1024 * 1024;

    [ThreadStatic]
    private static byte[]? _original;

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
        var size = info.Length <= InMemoryLimit ? CompressInMemory(path, archive, wrapOutput) : null;
        if (size is null && !CompressStreaming(path, archive, wrapOutput))
        {
            ArtifactFileSystem.Current.DeleteFile(archive);
            throw VerificationFailed(path);
        }
        ArtifactFileSystem.Current.DeleteFile(path);
        return size ?? new FileInfo(archive).Length;
    }

    /// <returns>The archive's size, or null when the file grew past the limit since it was listed.</returns>
    private static long? CompressInMemory(string path, string archive, Func<Stream, Stream>? wrapOutput)
    {
        var buffer = _original ?? new byte[64 * 1024];
        try
        {
            int read;
            try
            {
                read = InputFile.ReadBytes(path, ref buffer, InMemoryLimit).Length;
            }
            catch (SoakException e) when (e.ErrorId == "InputTooLarge")
            {
                return null;
            }
            var original = buffer.AsSpan(0, read);
            using var compressed = new MemoryStream(Math.Max(256, read / 3));
            using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(original);
            }
            if (!Inflates(compressed, original))
            {
                throw VerificationFailed(path);
            }
            var length = (int)compressed.Length;
            if (wrapOutput is null)
            {
                // The span write: AtomicFile.Write's stream would allocate a 64 KB buffer per archive for a few kilobytes.
                AtomicFile.WriteAllBytes(archive, compressed.GetBuffer().AsSpan(0, length));
            }
            else
            {
                AtomicFile.Write(archive, stream =>
                {
                    var output = wrapOutput(stream);
                    output.Write(compressed.GetBuffer(), 0, length);
                    output.Flush();
                });
            }
            return length;
        }
        finally
        {
            _original = buffer.Length <= InMemoryLimit ? buffer : null;
        }
    }

    /// <summary>True when the gzip bytes in <paramref name="compressed"/> inflate to exactly <paramref name="original"/>.</summary>
    private static bool Inflates(MemoryStream compressed, ReadOnlySpan<byte> original)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed.GetBuffer(), 0, (int)compressed.Length, writable: false), CompressionMode.Decompress);
            Span<byte> chunk = stackalloc byte[4096];
            var at = 0;
            int n;
            while ((n = gzip.Read(chunk)) > 0)
            {
                if (at + n > original.Length || !chunk[..n].SequenceEqual(original.Slice(at, n)))
                {
                    return false;
                }
                at += n;
            }
            return at == original.Length;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static SoakException VerificationFailed(string path) =>
        new("ArchiveVerificationFailed", SoakErrorKind.WriteError, $"The archive of '{path}' did not decompress to the original; the original is kept.", path);

    /// <summary>Hashes the original while compressing it to disk, then inflates and hashes the archive: equal hashes and lengths prove it.</summary>
    private static bool CompressStreaming(string path, string archive, Func<Stream, Stream>? wrapOutput)
    {
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
        return DecompressesTo(archive, originalHash, originalLength);
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
