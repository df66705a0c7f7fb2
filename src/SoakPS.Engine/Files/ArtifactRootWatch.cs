using Microsoft.Win32.SafeHandles;

namespace SoakPS.Engine.Files;

/// <summary>
/// Holds the artifact root, latest/, the journal and the run lock open for a run's whole life and tells whether each
/// path still names the object held: a bot that deletes the root or latest/, swaps a folder for a symbolic link or
/// deletes the lock (so a second run could take the root) is noticed before the run writes again. The held handles
/// keep the originals allocated, so a folder made again under the same name never passes for the old one.
/// On Windows, where an open folder cannot be deleted or renamed, there is nothing to watch.
/// </summary>
internal sealed class ArtifactRootWatch : IDisposable
{
    private const int ReadOnlyCloseOnExec = 0x80000;

    private readonly List<(string Path, SafeFileHandle Handle)> _held = new();
    private readonly string[] _notLinks;

    private ArtifactRootWatch(string[] notLinks) => _notLinks = notLinks;

    public static ArtifactRootWatch Open(ArtifactLayout layout)
    {
        // Folders made during the run (a bot's logs, the reports as received): they must stay folders, never links out.
        var watch = new ArtifactRootWatch(new[] { layout.LatestRun.Logs, layout.LatestRun.Reports });
        if (!RegularFileHandle.IsAvailable)
        {
            return watch; // Windows: an open folder cannot be deleted or renamed; links still are looked for.
        }
        foreach (var path in new[] { layout.Root, layout.Latest, layout.LatestRun.Journal, layout.RunLockHandle })
        {
            var fd = RegularFileHandle.NativeOpen(path, ReadOnlyCloseOnExec, 0);
            if (fd >= 0)
            {
                watch._held.Add((path, new SafeFileHandle(new IntPtr(fd), ownsHandle: true)));
            }
        }
        return watch;
    }

    /// <exception cref="SoakException">ArtifactRootChanged when a held path vanished or names another object now.</exception>
    public void Verify(string runId)
    {
        foreach (var (path, handle) in _held)
        {
            var now = FileIdentity.Of(path);
            if (!now.SameObject(FileIdentity.Of(handle)))
            {
                var what = now.Kind == FileKindValue.Missing ? "was deleted" : now.IsLink ? "was replaced by a symbolic link" : "was replaced by another file or folder";
                throw Changed(path, what, runId);
            }
        }
        foreach (var path in _notLinks)
        {
            if (FileIdentity.Of(path).IsLink)
            {
                throw Changed(path, "was replaced by a symbolic link", runId);
            }
        }
    }

    private static SoakException Changed(string path, string what, string runId) =>
        new("ArtifactRootChanged", SoakErrorKind.InvalidOperation,
            $"'{path}' {what} during run {runId}; the run stops without writing there again (a run never goes on in a recreated or redirected artifact root).", path);

    public void Dispose()
    {
        foreach (var (_, handle) in _held)
        {
            handle.Dispose();
        }
        _held.Clear();
    }
}
