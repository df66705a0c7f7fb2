
using SoakPS.Engine.Files;

namespace SoakPS.Engine.Tests.Parameters;

/// <summary>A fresh artifact root per test, removed afterwards.</summary>
internal sealed class TempRoot : IDisposable
{
    private readonly TempFolder _folder = new("soakps-params-");

    public TempRoot() => Layout = new ArtifactLayout(Path);

    public string Path => _folder.Path;
    public ArtifactLayout Layout { get; }

    public string WriteProfile(string name, string json)
    {
        Directory.CreateDirectory(Layout.Profiles);
        var file = System.IO.Path.Combine(Layout.Profiles, name + ".json");
        File.WriteAllText(file, json);
        return file;
    }

    /// <summary>Every file under the root with its bytes, to prove that nothing was written.</summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .ToDictionary(f => System.IO.Path.GetRelativePath(Path, f), f => Convert.ToBase64String(File.ReadAllBytes(f)));

    public void Dispose() => _folder.Dispose();
}
