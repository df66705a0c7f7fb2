using System.IO.Compression;
using System.Text.Json;

using SoakPS.Module.Tests.EndToEnd;

namespace SoakPS.Module.Tests;

/// <summary>
/// The package as a user gets it, in real pwsh: build/Package.ps1 packs out/SoakPS with Compress-PSResource, a local
/// folder becomes a PSResource repository, Install-PSResource installs SoakPS, and a new pwsh imports it by name and
/// runs every exported cmdlet. HOME points at a temp folder so the install and PSResourceGet's repository store stay
/// there, and each pwsh runs in the test's own folder, so nothing lands in the repository; Windows ignores HOME
/// (Documents is a known folder), so there the test uninstalls what it installed when it ends.
/// </summary>
[Trait("Category", "Pwsh")]
public sealed class PackageInstallTests : IDisposable
{
    private static readonly string ScriptFolder = Path.Combine(PowerShellSession.RepoRoot, "tests", "SoakPS.Module.Tests", "Package");

    // NuGet metadata Compress-PSResource adds around the module's own files.
    private static readonly string[] PackageMetadata = ["_rels/", "package/", "[Content_Types].xml", "SoakPS.nuspec"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "soakps-package-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _environment;
    private bool _installedForUser;

    public PackageInstallTests()
    {
        var home = Path.Combine(_root, "home");
        Directory.CreateDirectory(home);
        _environment = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["XDG_DATA_HOME"] = null,
            ["XDG_CONFIG_HOME"] = null,
            ["XDG_CACHE_HOME"] = null,
        };
    }

    [Fact]
    public void Installed_from_a_local_repository_the_module_imports_by_name_and_every_cmdlet_runs()
    {
        var packageFolder = Path.Combine(_root, "package");
        var installResult = Path.Combine(_root, "install.json");
        var install = Pwsh.RunFile(Path.Combine(ScriptFolder, "Install-FromLocalRepository.ps1"),
            ["-PackageFolder", packageFolder, "-ResultPath", installResult], _environment, _root);
        Assert.True(install.ExitCode == 0, install.ToString());
        if (!OperatingSystem.IsWindows()) Assert.True(File.Exists(Path.Combine(_root, "home", ".local", "share", "PSResourceGet", "PSResourceRepository.xml")), "PSResourceGet kept its repository store outside the test's HOME");
        using (var installed = JsonDocument.Parse(File.ReadAllText(installResult)))
        {
            Assert.Equal(ModuleManifest.Version(), installed.RootElement.GetProperty("Version").GetString());
            if (!OperatingSystem.IsWindows()) Assert.StartsWith(_root, installed.RootElement.GetProperty("InstalledLocation").GetString());
            _installedForUser = OperatingSystem.IsWindows();
        }

        var runResult = Path.Combine(_root, "run.json");
        var run = Pwsh.RunFile(Path.Combine(ScriptFolder, "Invoke-EveryCmdlet.ps1"),
            ["-ArtifactPath", Path.Combine(_root, "artifacts"), "-ResultPath", runResult], _environment, _root);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var result = JsonDocument.Parse(File.ReadAllText(runResult));
        var root = result.RootElement;
        if (!OperatingSystem.IsWindows()) Assert.StartsWith(Path.Combine(_root, "home"), root.GetProperty("ModuleBase").GetString());
        Assert.Equal(ModuleManifest.Version(), root.GetProperty("Version").GetString());

        var exported = root.GetProperty("Exported").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(ModuleManifest.CmdletsToExport(ModuleManifest.SourceManifestPath).Order(StringComparer.OrdinalIgnoreCase), exported, StringComparer.OrdinalIgnoreCase);
        var missing = root.GetProperty("Missing").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.True(missing.Count == 0, $"Invoke-EveryCmdlet.ps1 has no call for: {string.Join(", ", missing)}");

        var ran = root.GetProperty("Results").EnumerateArray().ToDictionary(r => r.GetProperty("Name").GetString()!, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(exported.Order(StringComparer.OrdinalIgnoreCase), ran.Keys.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, cmdlet) in ran)
        {
            var errors = cmdlet.GetProperty("Errors").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.True(errors.Count == 0, $"{name}: {string.Join("; ", errors)}");
            Assert.True(cmdlet.GetProperty("Count").GetInt32() > 0, $"{name} wrote no object");
            Assert.All(cmdlet.GetProperty("Types").EnumerateArray(), t => Assert.StartsWith("SoakPS.", t.GetString()));
        }
    }

    [Fact]
    public void The_package_holds_exactly_the_module_folder_files()
    {
        var packageFolder = Path.Combine(_root, "package");
        var pack = Pwsh.RunFile(Path.Combine(PowerShellSession.RepoRoot, "build", "Package.ps1"), ["-OutputPath", packageFolder], _environment, _root);
        Assert.True(pack.ExitCode == 0, pack.ToString());

        var package = Path.Combine(packageFolder, $"SoakPS.{ModuleManifest.Version()}.nupkg");
        Assert.True(File.Exists(package), $"no {package}\n{pack.ToString()}");
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => Uri.UnescapeDataString(e.FullName).Replace('\\', '/'))
            .Where(e => !PackageMetadata.Any(m => m.EndsWith('/') ? e.StartsWith(m, StringComparison.Ordinal) : e == m))
            .Order(StringComparer.Ordinal).ToList();
        var moduleFiles = Directory.EnumerateFiles(ModuleManifest.ModuleFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ModuleManifest.ModuleFolder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(moduleFiles, entries);
        foreach (var file in moduleFiles)
        {
            using var stream = zip.GetEntry(file)!.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.True(File.ReadAllBytes(Path.Combine(ModuleManifest.ModuleFolder, file)).AsSpan().SequenceEqual(copy.ToArray()), $"{file} differs from out/SoakPS");
        }

        using var nuspec = new StreamReader(zip.GetEntry("SoakPS.nuspec")!.Open());
        var metadata = nuspec.ReadToEnd();
        Assert.Contains($"<version>{ModuleManifest.Version()}</version>", metadata);
        Assert.Contains("<licenseUrl>https://opensource.org/licenses/MIT</licenseUrl>", metadata);
        Assert.Contains("<projectUrl>", metadata);
        Assert.Contains("<releaseNotes>", metadata);
    }

    public void Dispose()
    {
        if (_installedForUser)
        {
            var removed = Pwsh.Run(_root, $"Uninstall-PSResource -Name SoakPS -Version {ModuleManifest.Version()} -Scope CurrentUser -ErrorAction Stop");
            Assert.True(removed.ExitCode == 0, removed.ToString());
        }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
