namespace SoakPS.Engine.Files;

/// <summary>
/// The raw operations whose failures can be transient on Windows (another process has the file open). A test
/// replaces them to inject the Windows error codes; <see cref="ArtifactFileSystem"/> decides whether to retry.
/// </summary>
internal interface IFileOperations
{
    /// <summary>Renames <paramref name="source"/> over <paramref name="target"/>, replacing it in one step.</summary>
    void Replace(string source, string target);

    void DeleteFile(string path);

    void DeleteEmptyDirectory(string path);

    /// <summary>Forces what was written through <paramref name="handle"/> to the storage device (fsync).</summary>
    void FlushToDisk(Microsoft.Win32.SafeHandles.SafeFileHandle handle);
}

/// <summary>The operating system's own operations.</summary>
internal sealed class OsFileOperations : IFileOperations
{
    public static readonly OsFileOperations Instance = new();

    public void Replace(string source, string target) => File.Move(source, target, overwrite: true);

    public void DeleteFile(string path) => File.Delete(path);

    public void DeleteEmptyDirectory(string path) => Directory.Delete(path, recursive: false);

    public void FlushToDisk(Microsoft.Win32.SafeHandles.SafeFileHandle handle) => RandomAccess.FlushToDisk(handle);
}
