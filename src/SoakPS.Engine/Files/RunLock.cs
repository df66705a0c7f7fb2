using System.Text.Json;

namespace SoakPS.Engine.Files;

/// <summary>Who holds an artifact root: written to soak.lock so a refused second run can name the holder.</summary>
internal sealed record LockHolder(int Pid, string Host, string RunId, DateTimeOffset Since)
{
    public override string ToString() => $"process {Pid} on {Host}, run {RunId}, since {Since:u}";
}

/// <summary>
/// The exclusive lock on an artifact root (docs/artifacts.md): an OS lock on .soak.lock, held without sharing for the run's
/// life, which the OS releases when the process ends however it ends — so a crashed run never blocks the next and a
/// reused process id never fakes a live holder. soak.lock only names the holder for error messages; one left behind
/// by a crash is read to warn who held the root last. Rotation and undo ask it to stay away from an active run.
/// </summary>
internal sealed class RunLock : IDisposable
{
    // Another process only probing whether the root is free holds the OS lock for microseconds: try a few times.
    private static readonly TimeSpan[] Retries = { TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100) };

    private readonly string _holderPath;
    private FileStream? _handle;

    private RunLock(string holderPath, FileStream handle, LockHolder holder)
    {
        _holderPath = holderPath;
        _handle = handle;
        Holder = holder;
    }

    public LockHolder Holder { get; }

    /// <summary>Takes the lock or throws SoakException "ArtifactRootLocked" naming the holder.</summary>
    /// <param name="onStaleTakeover">Told about the holder named by a soak.lock that a crashed run left behind (becomes a warning).</param>
    public static RunLock Acquire(ArtifactLayout layout, string runId, TimeProvider clock, Action<LockHolder>? onStaleTakeover = null)
    {
        var handle = ArtifactFileSystem.TryLock(layout.RunLockHandle);
        foreach (var wait in Retries)
        {
            if (handle is not null) break;
            Thread.Sleep(wait);
            handle = ArtifactFileSystem.TryLock(layout.RunLockHandle);
        }
        if (handle is null)
        {
            var existing = AwaitHolderName(layout);
            throw new SoakException("ArtifactRootLocked", SoakErrorKind.ResourceBusy,
                $"The artifact root '{layout.Root}' is in use by {(existing is null ? "another process that has not named itself yet" : existing.ToString())}. " +
                "Wait for that run to end or stop it.", (object?)existing ?? layout.Root);
        }
        try
        {
            if (ReadHolder(layout) is { } previous) onStaleTakeover?.Invoke(previous);
            var holder = new LockHolder(Environment.ProcessId, Environment.MachineName, runId, clock.GetUtcNow());
            // Not forced to disk: it only names the holder, and a lost name after a power cut is harmless.
            AtomicFile.WriteAllBytes(layout.LockFile, LockHolderJson.Write(holder), durable: false);
            return new RunLock(layout.LockFile, handle, holder);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The holder of the root while a run holds it; null when the root is free (whatever soak.lock says).</summary>
    public static LockHolder? ActiveHolder(ArtifactLayout layout)
    {
        if (!File.Exists(layout.RunLockHandle)) return null;
        try
        {
            using var probe = ArtifactFileSystem.TryLock(layout.RunLockHandle);
            if (probe is not null) return null;
        }
        catch (UnauthorizedAccessException)
        {
            // A root this user may only read: no run of theirs can hold it, so the record is the best answer.
        }
        return ReadHolder(layout) ?? new LockHolder(0, "(unknown)", "(not named yet)", DateTimeOffset.MinValue);
    }

    /// <summary>
    /// The holder's name for a refusal. A holder that has just taken the lock writes its name a moment later; until
    /// then soak.lock may still name a crashed run, so a name of a process that is gone is waited on briefly.
    /// </summary>
    private static LockHolder? AwaitHolderName(ArtifactLayout layout)
    {
        var holder = ReadHolder(layout);
        for (var i = 0; i < 40 && (holder is null || !IsAliveHere(holder)); i++)
        {
            Thread.Sleep(25);
            holder = ReadHolder(layout);
        }
        return holder;
    }

    /// <summary>Only for wording a message: a process id alone never decides who holds the lock.</summary>
    private static bool IsAliveHere(LockHolder holder)
    {
        if (!string.Equals(holder.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase)) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(holder.Pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>What soak.lock says, without asking whether that holder still holds the root.</summary>
    public static LockHolder? ReadHolder(ArtifactLayout layout)
    {
        // Usually there is none (a first run, a rotation between runs): asked first, since a missing file would cost a
        // thrown and caught exception, milliseconds on its first use in a fresh process. One removed meanwhile still is.
        if (!File.Exists(layout.LockFile)) return null;
        try
        {
            using var stream = new FileStream(layout.LockFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return LockHolderJson.Read(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (_handle is null) return;
        // Remove the name first: once the OS lock is released another run may write its own.
        try { ArtifactFileSystem.Current.DeleteFile(_holderPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SoakException) { }
        _handle.Dispose();
        _handle = null;
    }
}
