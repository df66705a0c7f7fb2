namespace SoakPS.Module.Tests.EndToEnd;

/// <summary>A fresh folder under the temp directory for one test, removed afterwards (other agents test beside us).</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
