using System.Diagnostics;
using System.Text.Json;
using SoakPS.Engine.Json;

namespace SoakPS.Engine.Artifacts;

/// <summary>Who holds an artifact root: written into soak.lock so a refused second run can name the holder.</summary>
public sealed record LockHolder(int Pid, string Host, string RunId, DateTimeOffset Since)
{
    public override string ToString() => $"process {Pid} on {Host}, run {RunId}, since {Since:u}";

    /// <summary>A holder on this host whose process is gone: a crashed run whose lock may be taken over.</summary>
    public bool IsStale()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        try
        {
            using var process = Process.GetProcessById(Pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}

/// <summary>
/// The exclusive lock on an artifact root (SPEC §6). Two runs never share a root; a lock left by a dead
/// process is taken over with a warning. Rotation and undo read it to stay away from an active run.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly string _path;
    private FileStream? _stream;

    private RunLock(string path, FileStream stream, LockHolder holder)
    {
        _path = path;
        _stream = stream;
        Holder = holder;
    }

    public LockHolder Holder { get; }

    /// <summary>Takes the lock or throws SoakException "ArtifactRootLocked" naming the holder.</summary>
    /// <param name="onStaleTakeover">Told about a stale lock that was taken over (becomes a warning).</param>
    public static RunLock Acquire(ArtifactLayout layout, string runId, TimeProvider clock, Action<LockHolder>? onStaleTakeover = null)
    {
        Directory.CreateDirectory(layout.Root);
        var holder = new LockHolder(Environment.ProcessId, Environment.MachineName, runId, clock.GetUtcNow());
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                var stream = new FileStream(layout.LockFile, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
                var bytes = JsonSerializer.SerializeToUtf8Bytes(holder, SoakJson.Compact);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
                return new RunLock(layout.LockFile, stream, holder);
            }
            catch (IOException) when (File.Exists(layout.LockFile))
            {
                var existing = ReadHolder(layout);
                if (existing is null || existing.IsStale())
                {
                    // Unreadable or dead holder: set the old lock aside, then try again.
                    if (existing is not null) onStaleTakeover?.Invoke(existing);
                    TryRemoveStale(layout.LockFile);
                    continue;
                }
                throw new SoakException("ArtifactRootLocked", SoakErrorKind.ResourceBusy,
                    $"The artifact root '{layout.Root}' is in use by {existing}. Wait for that run to end or stop it.", existing);
            }
        }
        throw new SoakException("ArtifactRootLocked", SoakErrorKind.ResourceBusy,
            $"Could not take the lock on '{layout.Root}' after removing a stale lock; another run may have started.", layout.Root);
    }

    /// <summary>The current holder of the root, if any and alive; null when the root is free or the lock is stale.</summary>
    public static LockHolder? ActiveHolder(ArtifactLayout layout)
    {
        var holder = ReadHolder(layout);
        return holder is null || holder.IsStale() ? null : holder;
    }

    public static LockHolder? ReadHolder(ArtifactLayout layout)
    {
        try
        {
            using var stream = new FileStream(layout.LockFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return JsonSerializer.Deserialize<LockHolder>(stream, SoakJson.Compact);
        }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
        catch (JsonException) { return null; }
        catch (IOException) { return null; }
    }

    private static void TryRemoveStale(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public void Dispose()
    {
        if (_stream is null) return;
        _stream.Dispose();
        _stream = null;
        try { File.Delete(_path); } catch (IOException) { }
    }
}
