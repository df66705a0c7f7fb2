using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SoakPS.Engine.Files;

/// <summary>
/// Creates a file that must not exist yet (a temp file about to be renamed into place) and opens it for writing.
/// On Linux it is one open(2) with O_CREAT|O_EXCL: the unique new name is what keeps others out, so the advisory
/// flock .NET takes (and releases) around every FileStream on Unix would be two system calls that protect nothing.
/// Elsewhere the runtime's own exclusive open.
/// </summary>
internal static class NewFile
{
    private const int WriteOnly = 0x1;
    private const int Create = 0x40;
    private const int Exclusive = 0x80;
    private const int ReadWriteForAll = 0x1B6; // 0666, narrowed by the umask as for any file .NET creates

    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written.</exception>
    /// <exception cref="IOException">The file exists already, or another failure (its errno in HResult, as .NET reports it).</exception>
    public static SafeFileHandle CreateForWriting(string path)
    {
        if (!RegularFileHandle.IsAvailable)
        {
            return File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        var fd = RegularFileHandle.NativeOpen(path, WriteOnly | Create | Exclusive | RegularFileHandle.CloseOnExec, ReadWriteForAll);
        if (fd < 0)
        {
            throw OpenError(path, Marshal.GetLastPInvokeError());
        }
        return new SafeFileHandle(new IntPtr(fd), ownsHandle: true);
    }

    private static Exception OpenError(string path, int errno)
    {
        var reason = Marshal.GetPInvokeErrorMessage(errno);
        return errno switch
        {
            RegularFileHandle.NoEntry or RegularFileHandle.NotADirectory => new DirectoryNotFoundException($"Could not find a part of the path '{path}': {reason}"),
            RegularFileHandle.AccessDenied or RegularFileHandle.NotPermitted => new UnauthorizedAccessException($"Access to the path '{path}' is denied: {reason}"),
            _ => new IOException($"Cannot create '{path}': {reason}", errno),
        };
    }
}
