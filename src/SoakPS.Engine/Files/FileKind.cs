using System.Runtime.InteropServices;

namespace SoakPS.Engine.Files;

/// <summary>What a path names on disk, following symlinks.</summary>
internal enum FileKindValue { Missing, RegularFile, Directory, Other }

/// <summary>
/// Tells a regular file from a FIFO, device or socket before it is opened: opening a FIFO for reading blocks until a
/// writer comes (forever), a device may never end. .NET exposes no file type, so on Unix this asks the runtime's own
/// native shim (System.Native, shipped with every .NET runtime) for the stat mode.
/// </summary>
internal static class FileKind
{
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;

    public static FileKindValue Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.Exists(path) ? FileKindValue.Directory : File.Exists(path) ? FileKindValue.RegularFile : FileKindValue.Missing;
        }
        var status = new byte[256];
        try
        {
            if (NativeStat(path, status) != 0)
            {
                return FileKindValue.Missing;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return Directory.Exists(path) ? FileKindValue.Directory : File.Exists(path) ? FileKindValue.RegularFile : FileKindValue.Missing;
        }
        return FromStatus(status);
    }

    /// <summary>The kind recorded in a System.Native FileStatus (filled by its Stat or FStat).</summary>
    internal static FileKindValue FromStatus(ReadOnlySpan<byte> status)
    {
        // FileStatus { int32 Flags; int32 Mode; ... }: the mode's type bits use the portable S_IF* values.
        var mode = BitConverter.ToInt32(status[4..8]) & TypeMask;
        return mode switch
        {
            RegularType => FileKindValue.RegularFile,
            DirectoryType => FileKindValue.Directory,
            _ => FileKindValue.Other,
        };
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int NativeStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);
}
