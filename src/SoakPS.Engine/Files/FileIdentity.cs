using System.Runtime.InteropServices;

namespace SoakPS.Engine.Files;

/// <summary>
/// Which file or folder a path names right now, without following a final symbolic link: device and inode on Unix
/// (a folder deleted and made again, or swapped for a link, is another identity), plus size and write time for a
/// file's content. Where the runtime's native shim is missing, the identity is its kind and write time only.
/// </summary>
internal readonly record struct FileIdentity(FileKindValue Kind, bool IsLink, long Device, long Inode, long Size, long WriteTicks)
{
    public static readonly FileIdentity Missing = new(FileKindValue.Missing, false, 0, 0, 0, 0);

    /// <summary>Same object on disk (kind, link or not, device and inode), whatever its content.</summary>
    public bool SameObject(FileIdentity other) => Kind == other.Kind && IsLink == other.IsLink && Device == other.Device && Inode == other.Inode;

    public static FileIdentity Of(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var status = new byte[256];
            try
            {
                return NativeLStat(path, status) == 0 ? FromStatus(status) : Missing;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
            }
        }
        var info = new FileInfo(path);
        if (!info.Exists && !Directory.Exists(path))
        {
            return Missing;
        }
        var isDirectory = info.Attributes.HasFlag(FileAttributes.Directory);
        return new FileIdentity(isDirectory ? FileKindValue.Directory : FileKindValue.RegularFile, info.LinkTarget is not null, 0, 0,
            isDirectory ? 0 : info.Length, info.LastWriteTimeUtc.Ticks);
    }

    /// <summary>The object an open handle refers to (on Unix; <see cref="Missing"/> elsewhere): it stays allocated while held, so its inode is not reused.</summary>
    public static FileIdentity Of(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        var status = new byte[256];
        try
        {
            return !OperatingSystem.IsWindows() && NativeFStat(handle, status) == 0 ? FromStatus(status) : Missing;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return Missing;
        }
    }

    private static FileIdentity FromStatus(byte[] status)
    {
        // FileStatus { int32 Flags; int32 Mode; uint32 Uid; uint32 Gid; int64 Size; int64 ATime, ATimeNsec, MTime, MTimeNsec,
        // CTime, CTimeNsec, BirthTime, BirthTimeNsec; int64 Dev; int64 RDev; int64 Ino; ... }
        var isLink = (BitConverter.ToInt32(status, 4) & 0xF000) == 0xA000;
        var seconds = BitConverter.ToInt64(status, 40);
        var nanoseconds = BitConverter.ToInt64(status, 48);
        return new FileIdentity(isLink ? FileKindValue.Other : FileKind.FromStatus(status), isLink,
            BitConverter.ToInt64(status, 88), BitConverter.ToInt64(status, 104), BitConverter.ToInt64(status, 16),
            DateTime.UnixEpoch.Ticks + seconds * TimeSpan.TicksPerSecond + nanoseconds / 100);
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
    private static extern int NativeFStat(Microsoft.Win32.SafeHandles.SafeFileHandle fd, byte[] status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int NativeLStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);
}
