
using SoakPS.Engine.Files;

namespace SoakPS.Engine.Tests.Artifacts.FileSystem;

/// <summary>
/// The real file operations, except that a replace or delete of a chosen file first fails the way Windows fails it
/// while another process has the file open (a Win32 code inside the exception), a set number of times in a row for each operation.
/// </summary>
internal sealed class SharingFaults : IFileOperations
{
    private readonly Func<string, bool> _affects;
    private readonly int _code;
    private readonly int _failures;
    private readonly Dictionary<string, int> _failed = new();

    /// <param name="failures">How many attempts in a row fail before one succeeds; the next operation on that file fails as often again.</param>
    public SharingFaults(Func<string, bool> affects, int failures, int code = WindowsFileErrors.SharingViolation)
    {
        _affects = affects;
        _failures = failures;
        _code = code;
    }

    /// <summary>While false, every operation succeeds and nothing is counted.</summary>
    public bool Armed { get; set; } = true;

    /// <summary>Faults thrown so far.</summary>
    public int Injected { get; private set; }

    public List<string> Attempts { get; } = new();

    /// <summary>A file system with the Windows retry policy over these faults; it never really sleeps.</summary>
    public ArtifactFileSystem WindowsFileSystem(List<TimeSpan>? waits = null, string? holder = "python.exe (process 4242)") =>
        new(this, SharingRetryPolicy.Windows, _ => holder, d => waits?.Add(d));

    public void Replace(string source, string target)
    {
        Fail(target);
        OsFileOperations.Instance.Replace(source, target);
    }

    public void DeleteFile(string path)
    {
        Fail(path);
        OsFileOperations.Instance.DeleteFile(path);
    }

    public void DeleteEmptyDirectory(string path)
    {
        Fail(path);
        OsFileOperations.Instance.DeleteEmptyDirectory(path);
    }

    public void FlushToDisk(Microsoft.Win32.SafeHandles.SafeFileHandle handle) => OsFileOperations.Instance.FlushToDisk(handle);

    private void Fail(string path)
    {
        if (!Armed || !_affects(path)) return;
        lock (Attempts)
        {
            Attempts.Add(path);
            var failed = _failed.GetValueOrDefault(path);
            if (failed >= _failures)
            {
                _failed[path] = 0;
                return;
            }
            _failed[path] = failed + 1;
            Injected++;
        }
        throw WindowsFileErrors.Create(_code, path);
    }
}
