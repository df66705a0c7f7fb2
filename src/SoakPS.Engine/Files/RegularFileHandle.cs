using System.Runtime.InteropServices;

namespace SoakPS.Engine.Files;

/// <summary>
/// A file opened for reading on Linux in the fewest system calls that still refuse a FIFO, device or directory:
/// open with O_NONBLOCK (a FIFO then opens at once instead of waiting for a writer), fstat on the descriptor (its type
/// and size, with no race between a check and the open), read, close. No separate stat, no lock, no FileStream.
/// Elsewhere <see cref="IsAvailable"/> is false and callers take the portable route.
/// </summary>
internal sealed class RegularFileHandle : IDisposable
{
    private const int ReadOnly = 0x0;
    private const int NonBlocking = 0x800;

    // Linux's values, shared with NewFile, the other caller of open(2).
    internal const int CloseOnExec = 0x80000;
    internal const int NoEntry = 2;
    internal const int NotPermitted = 1;
    internal const int AccessDenied = 13;
    internal const int NotADirectory = 20;
    private const int TooManyLinks = 40;

    // O_NOFOLLOW is one of the few flags whose value differs between Linux architectures.
    private static readonly int NoFollow = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    private static readonly Lazy<bool> Available = new(Probe);
    private static readonly IntPtr Closed = new(-1);

    private IntPtr _fd;

    private RegularFileHandle(IntPtr fd, long length)
    {
        _fd = fd;
        Length = length;
    }

    /// <summary>True on Linux when the runtime's native shim and libc answer (the O_ flag values above are Linux's).</summary>
    public static bool IsAvailable => Available.Value;

    /// <summary>The size fstat gave when the file was opened.</summary>
    public long Length { get; }

    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    /// <exception cref="SoakException">InputNotAFile for a directory, FIFO, device or socket, or (with <paramref name="noFollow"/>) a symbolic link.</exception>
    public static RegularFileHandle Open(string path, bool noFollow = false)
    {
        var fd = NativeOpen(path, ReadOnly | NonBlocking | CloseOnExec | (noFollow ? NoFollow : 0), 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw noFollow && errno == TooManyLinks ? InputFile.NotAFile(path, "a symbolic link") : OpenError(path, errno);
        }
        var handle = new IntPtr(fd);
        Span<byte> status = stackalloc byte[256];
        if (NativeFStat(handle, ref MemoryMarshal.GetReference(status)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = NativeClose(handle); // Already failing: the first error is the one to report.
            throw new IOException($"Cannot read '{path}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        var kind = FileKind.FromStatus(status);
        if (kind != FileKindValue.RegularFile)
        {
            _ = NativeClose(handle); // Already failing: the first error is the one to report.
            throw InputFile.NotAFile(path, kind == FileKindValue.Directory ? "a directory" : "not a regular file (a pipe, device or socket)");
        }
        // FileStatus { int32 Flags; int32 Mode; uint32 Uid; uint32 Gid; int64 Size; ... }
        return new RegularFileHandle(handle, BitConverter.ToInt64(status[16..24]));
    }

    /// <summary>One read(2) into <paramref name="into"/>; 0 at the end of the file.</summary>
    public int Read(Span<byte> into, string path)
    {
        var read = into.IsEmpty ? 0 : NativeRead(_fd, ref MemoryMarshal.GetReference(into), into.Length);
        if (read < 0)
        {
            throw new IOException($"Cannot read '{path}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
        return read;
    }

    /// <summary>Hands the descriptor to a stream (for decompression); this handle no longer owns it.</summary>
    public FileStream ToStream()
    {
        var stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(_fd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
        _fd = Closed;
        return stream;
    }

    public void Dispose()
    {
        if (_fd != Closed)
        {
            _ = NativeClose(_fd); // A read-only descriptor: close cannot lose data.
            _fd = Closed;
        }
    }

    private static Exception OpenError(string path, int errno) => errno switch
    {
        NoEntry or NotADirectory => new FileNotFoundException($"'{path}' does not exist.", path),
        AccessDenied or NotPermitted => new UnauthorizedAccessException($"Access to '{path}' is denied."),
        _ => new IOException($"Cannot open '{path}': {Marshal.GetPInvokeErrorMessage(errno)}"),
    };

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            using var self = Open("/proc/self/stat");
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or IOException or UnauthorizedAccessException or SoakException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int NativeOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
    private static extern int NativeFStat(IntPtr fd, ref byte status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Read", SetLastError = true)]
    private static extern int NativeRead(IntPtr fd, ref byte buffer, int size);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Close", SetLastError = true)]
    private static extern int NativeClose(IntPtr fd);
}
