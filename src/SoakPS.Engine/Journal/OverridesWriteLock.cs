
using SoakPS.Engine.Files;

namespace SoakPS.Engine.Journal;

/// <summary>
/// A short cross-process lock around "check runtime_overrides.json, journal, replace it", held by the run's apply
/// and by Undo-SoakTuning / Set-SoakProfile, so a manual change and an automatic apply never interleave.
/// </summary>
internal sealed class OverridesWriteLock : IDisposable
{
    private readonly FileStream _stream;

    private OverridesWriteLock(FileStream stream) => _stream = stream;

    public static OverridesWriteLock Acquire(ArtifactLayout layout, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var path = System.IO.Path.Combine(layout.Root, ".overrides.lock");
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (ArtifactFileSystem.TryLock(path) is { } handle)
            {
                return new OverridesWriteLock(handle);
            }
            if (waited >= timeout)
            {
                throw new SoakException("OverridesBusy", SoakErrorKind.ResourceBusy,
                    $"runtime_overrides.json is being changed by another process for more than {timeout.TotalSeconds:0} s.", path);
            }
            cancellationToken.WaitHandle.WaitOne(step);
            cancellationToken.ThrowIfCancellationRequested();
            waited += step;
        }
    }

    public void Dispose() => _stream.Dispose();
}
