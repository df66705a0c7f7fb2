namespace SoakPS.TestSupport;

/// <summary>A fresh folder under the temp directory, removed (with anything made read-only in it) when disposed.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)) File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A child process still closing a file: the temp directory is cleaned by the OS later.
        }
    }
}
