namespace SoakPS.Engine.Files;

/// <summary>
/// The one way the engine replaces, deletes, appends to and locks files under the artifact root. On Windows a
/// replace or delete that fails because another process has the file open (sharing violation 32, lock violation 33,
/// access denied 5 when the file is not read-only) is retried with doubling delays for a bounded time, then reported
/// as "FileInUse" naming the holder when Windows can tell; a read-only file or any other error fails at once. On
/// Linux and macOS nothing is retried: a rename or unlink there never waits for readers. Whether written data is
/// forced to disk is decided here too, so a flow whose files are thrown away unread can skip it (<see cref="WithoutForcingToDisk"/>).
/// </summary>
internal sealed class ArtifactFileSystem
{
    private static readonly AsyncLocal<ArtifactFileSystem?> Substitute = new();

    public static readonly ArtifactFileSystem Platform = new(OsFileOperations.Instance, SharingRetryPolicy.ForThisPlatform, FileHolders.Describe);

    private readonly IFileOperations _operations;
    private readonly SharingRetryPolicy _retry;
    private readonly Func<string, string?> _describeHolders;
    private readonly Action<TimeSpan> _sleep;

    public ArtifactFileSystem(IFileOperations operations, SharingRetryPolicy retry, Func<string, string?>? describeHolders = null, Action<TimeSpan>? sleep = null)
    {
        _operations = operations;
        _retry = retry;
        _describeHolders = describeHolders ?? (_ => null);
        _sleep = sleep ?? Thread.Sleep;
    }

    /// <summary>True (the default): written data reaches the disk before a rename or an acknowledged append, so a crash loses nothing acknowledged.</summary>
    public bool ForcesToDisk { get; private init; } = true;

    /// <summary>
    /// The same file system without forcing data to disk: writes stay atomic (temp file, then rename), so no reader sees
    /// half a file, but a crash of the machine may lose the latest ones. Only for files that nothing reads after a crash,
    /// such as the throwaway runs of a study.
    /// </summary>
    public ArtifactFileSystem WithoutForcingToDisk() => new(_operations, _retry, _describeHolders, _sleep) { ForcesToDisk = false };

    /// <summary>Forces what was written through <paramref name="handle"/> to disk, unless this file system does not.</summary>
    public void ForceToDisk(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (ForcesToDisk) _operations.FlushToDisk(handle);
    }

    /// <summary>Writes out <paramref name="stream"/>'s buffer, then forces it to disk unless this file system does not.</summary>
    public void ForceToDisk(FileStream stream)
    {
        stream.Flush();
        ForceToDisk(stream.SafeFileHandle);
    }

    /// <summary>The file system of the current flow: the platform's, unless a test has put another in place with <see cref="Use"/>.</summary>
    public static ArtifactFileSystem Current => Substitute.Value ?? Platform;

    /// <summary>Makes <paramref name="fileSystem"/> current for this flow (and work it starts) until disposed: the fault-injection seam.</summary>
    public static IDisposable Use(ArtifactFileSystem fileSystem)
    {
        var previous = Substitute.Value;
        Substitute.Value = fileSystem;
        return new Restore(() => Substitute.Value = previous);
    }

    /// <summary>Renames <paramref name="source"/> over <paramref name="target"/> in one step.</summary>
    public void Replace(string source, string target) => WithRetry("replace", target, () => _operations.Replace(source, target));

    /// <summary>Deletes a file; a file that is already gone is not an error.</summary>
    public void DeleteFile(string path) => WithRetry("delete", path, () => _operations.DeleteFile(path));

    public void DeleteEmptyDirectory(string path) => WithRetry("delete", path, () => _operations.DeleteEmptyDirectory(path));

    /// <summary>
    /// Appends one record and flushes it to disk; a torn record at the end (a crash mid-append, never acknowledged)
    /// is cut off first, unless <paramref name="isCompleteRecord"/> says it is whole and lost only its newline. Returns where the record starts, for <see cref="TruncateTo"/>. Concurrent appenders must be
    /// serialised by the caller; readers may keep the file open.
    /// </summary>
    public long AppendRecord(string path, ReadOnlySpan<byte> record, Func<byte[], bool>? isCompleteRecord = null)
    {
        using var stream = OpenForAppend(path);
        return AppendRecord(stream, record, -1, isCompleteRecord);
    }

    /// <summary>Opens an append-only file (created, with its folder, when missing) for <see cref="AppendRecord(FileStream, ReadOnlySpan{byte}, long, Func{byte[], bool}?)"/>; readers and other appenders may open it too.</summary>
    public FileStream OpenForAppend(string path)
    {
        FileStream? opened = null;
        WithRetry("append to", path, () =>
        {
            try
            {
                opened = OpenShared(path);
            }
            catch (DirectoryNotFoundException)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                opened = OpenShared(path);
            }
        });
        return opened!;
    }

    private static FileStream OpenShared(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);

    /// <summary>As <see cref="AppendRecord(string, ReadOnlySpan{byte}, Func{byte[], bool}?)"/>, on a file the caller keeps open.</summary>
    /// <param name="knownEnd">
    /// Where this caller's previous record ended (-1 if unknown): a file still exactly that long ends with that whole
    /// record, so its tail is not read back. Any other length (another appender, a torn record) is checked.
    /// </param>
    public long AppendRecord(FileStream stream, ReadOnlySpan<byte> record, long knownEnd, Func<byte[], bool>? isCompleteRecord = null)
    {
        var start = stream.Seek(0, SeekOrigin.End);
        if (start != knownEnd)
        {
            RepairTail(stream, isCompleteRecord);
            start = stream.Seek(0, SeekOrigin.End);
        }
        stream.Write(record);
        ForceToDisk(stream);
        return start;
    }

    /// <summary>Cuts an append-only file back to <paramref name="length"/> bytes: withdraws records this process just appended.</summary>
    public void TruncateTo(string path, long length)
    {
        FileStream? opened = null;
        WithRetry("truncate", path, () => opened = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete));
        using var stream = opened!;
        if (stream.Length > length)
        {
            stream.SetLength(length);
            ForceToDisk(stream);
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> with no sharing — an OS lock (on Unix .NET takes an flock) that the OS releases
    /// when the process ends, however it ends. Null when another handle holds it; the file is never deleted, so two
    /// processes can never lock two different files under one name.
    /// </summary>
    public static FileStream? TryLock(string path)
    {
        try
        {
            return TryOpenExclusive(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Created when missing, not asked for on every acquisition.
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            return TryOpenExclusive(path);
        }
    }

    private static FileStream? TryOpenExclusive(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not DirectoryNotFoundException && IsHeldByAnother(e))
        {
            return null;
        }
    }

    private static bool IsHeldByAnother(IOException e) => OperatingSystem.IsWindows()
        ? WindowsFileErrors.Win32Code(e) is WindowsFileErrors.SharingViolation or WindowsFileErrors.LockViolation
        : e.HResult == (OperatingSystem.IsLinux() ? 11 : 35); // EWOULDBLOCK from flock(LOCK_NB)

    private void WithRetry(string verb, string path, Action operation)
    {
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                operation();
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException && IsTransient(e, path))
            {
                if (attempt >= _retry.Attempts)
                {
                    var holders = _describeHolders(path);
                    throw new SoakException("FileInUse", SoakErrorKind.ResourceBusy,
                        $"Could not {verb} '{path}': another process kept it open for {waited.TotalSeconds:0.0} s " +
                        $"({(holders is null ? "Windows did not name the process" : "held by " + holders)}). {e.Message}", path, e);
                }
                var delay = _retry.DelayAfter(attempt);
                _sleep(delay);
                waited += delay;
            }
        }
    }

    /// <summary>Whether another process's open handle may explain the failure; a read-only file is a genuine refusal.</summary>
    private bool IsTransient(Exception e, string path)
    {
        if (_retry.Attempts <= 1) return false;
        return WindowsFileErrors.Win32Code(e) switch
        {
            WindowsFileErrors.SharingViolation or WindowsFileErrors.LockViolation => true,
            WindowsFileErrors.AccessDenied => !IsReadOnly(path),
            _ => false,
        };
    }

    private static bool IsReadOnly(string path)
    {
        try
        {
            return (File.GetAttributes(path) & FileAttributes.ReadOnly) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void RepairTail(FileStream stream, Func<byte[], bool>? isCompleteRecord)
    {
        if (stream.Length == 0) return;
        stream.Seek(-1, SeekOrigin.End);
        if (stream.ReadByte() == '\n') return;
        var start = stream.Length - 1;
        var buffer = new byte[1];
        while (start > 0)
        {
            stream.Seek(start - 1, SeekOrigin.Begin);
            stream.ReadExactly(buffer);
            if (buffer[0] == '\n') break;
            start--;
        }
        var tail = new byte[stream.Length - start];
        stream.Seek(start, SeekOrigin.Begin);
        stream.ReadExactly(tail);
        if (isCompleteRecord?.Invoke(tail) == true)
        {
            stream.Seek(0, SeekOrigin.End);
            stream.WriteByte((byte)'\n');
            return;
        }
        stream.SetLength(start);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
