using System.IO.Enumeration;
using SoakPS.Engine.Files;

namespace SoakPS.Engine.Rotation;

/// <summary>
/// Carries out a range action ("every ITER_SUMMARY_&lt;n&gt; below k" of one folder): the folder is read again when the
/// action runs and each matching file is handed out as it is met, so nothing is held per file. A file matches by the
/// rule the plan counted it by: a regular file (never a link or directory, as lstat sees it) named as its number
/// spells it, plain and .gz alike. Workers on several threads remove the files handed out and report here.
/// </summary>
internal sealed class SummaryRangeRemoval
{
    private const int ListedErrors = 5;

    private readonly List<string> _errors = new();
    private int _taken;
    private int _failed;
    private long _bytesRemoved;
    private bool _cutShort;
    private bool _listingFailed;

    public SummaryRangeRemoval(RotationAction action)
    {
        Action = action;
    }

    public RotationAction Action { get; }

    /// <summary>A regular file named ITER_SUMMARY_&lt;n&gt;.json(.gz) exactly as its number spells it: what the plan counts and a range removes.</summary>
    public static bool IsSummaryFile(ref FileSystemEntry entry, out int iteration, out bool compressed)
    {
        iteration = 0;
        compressed = false;
        var name = entry.FileName;
        return !entry.IsDirectory && (entry.Attributes & FileAttributes.ReparsePoint) == 0
            && IterationFiles.TryParse(name, out iteration, out compressed)
            && IterationFiles.SpellsItsNumber(name);
    }

    /// <summary>The matching files with their sizes, read from the directory as they are asked for.</summary>
    /// <exception cref="IOException">The folder is gone.</exception>
    /// <exception cref="SoakException">The folder has become a symbolic link since planning (never followed).</exception>
    public IEnumerable<RotationWorkItem> Files()
    {
        var below = Action.BelowIteration ?? throw new InvalidOperationException("Not a range of summaries.");
        FolderGuard.ThrowIfLink(Action.Path);
        return new FileSystemEnumerable<RotationWorkItem>(Action.Path, (ref FileSystemEntry entry) => new RotationWorkItem(null, this, entry.ToFullPath(), entry.Length), ArtifactTree.ListingOptions)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => IsSummaryFile(ref entry, out var n, out _) && n < below,
        };
    }

    /// <summary>Removes one file handed out by <see cref="Files"/>; called from any worker thread.</summary>
    public void Remove(string path, long length)
    {
        try
        {
            ArtifactFileSystem.Current.DeleteFile(path);
            Interlocked.Increment(ref _taken);
            Interlocked.Add(ref _bytesRemoved, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SoakException)
        {
            Interlocked.Increment(ref _failed);
            ListError(path, e.Message);
        }
    }

    /// <summary>The folder could not be read (further): the planned files not reached count as failed, and the action says why.</summary>
    public void ListingFailed(string error)
    {
        _listingFailed = true;
        ListError(Action.Path, error);
    }

    /// <summary>Cancellation stopped the range before every file was handled.</summary>
    public void Cancelled() => _cutShort = true;

    /// <summary>Records the outcome on the action once every worker is done with it.</summary>
    public void Finish(bool cancelled)
    {
        var failed = _failed + (_listingFailed ? Math.Max(0, Action.Files - _taken - _failed) : 0);
        var outcome = failed > 0 || _listingFailed ? RotationOutcome.Failed
            : cancelled && _cutShort ? RotationOutcome.Skipped
            : RotationOutcome.Taken;
        var error = outcome switch
        {
            RotationOutcome.Failed => $"{failed} of the files could not be removed ({_taken} were): " + string.Join("; ", _errors),
            RotationOutcome.Skipped => $"cancelled after {_taken} of {Action.Files} files",
            _ => null,
        };
        Action.RecordRange(outcome, _taken, failed, Math.Max(0, Action.Bytes - _bytesRemoved), error, _errors.ToArray());
    }

    private void ListError(string path, string error)
    {
        lock (_errors)
        {
            if (_errors.Count < ListedErrors) _errors.Add($"{path}: {error}");
        }
    }
}
