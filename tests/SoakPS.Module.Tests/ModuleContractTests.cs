using System.Management.Automation;
using System.Management.Automation.Language;

namespace SoakPS.Module.Tests;

/// <summary>The built module folder as a whole: manifest, exports, contents, clean import, parseable test scripts.</summary>
public class ModuleContractTests
{
    [Fact]
    public void Test_ModuleManifest_passes_and_carries_the_stamped_version()
    {
        using var session = new PowerShellSession();
        var result = session.Run("Test-ModuleManifest -Path $path -ErrorAction Stop",
            new Dictionary<string, object?> { ["path"] = PowerShellSession.ModulePath });
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var module = result.Single<PSModuleInfo>();
        Assert.Equal("SoakPS", module.Name);
        Assert.Equal(new Version(ModuleManifest.Version()), module.Version);
    }

    [Fact]
    public void The_module_implements_at_least_one_cmdlet()
    {
        // Guards the per-cmdlet theories against passing over an empty set.
        Assert.NotEmpty(ModuleManifest.CmdletClasses());
        Assert.NotEmpty(ModuleManifest.CmdletsToExport(ModuleManifest.SourceManifestPath));
    }

    [Fact]
    public void The_manifest_exports_exactly_the_cmdlet_classes_in_SoakPS_dll()
    {
        var exported = ModuleManifest.CmdletsToExport(ModuleManifest.SourceManifestPath).Order(StringComparer.OrdinalIgnoreCase);
        var implemented = ModuleManifest.CmdletClasses().Keys.Order(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(implemented, exported, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Get_Command_lists_exactly_the_manifest_exports()
    {
        using var session = new PowerShellSession();
        var result = session.Run("Get-Command -Module SoakPS | ForEach-Object Name");
        Assert.Empty(result.Errors);
        var commands = result.Output.Select(o => (string)o.BaseObject).Order(StringComparer.OrdinalIgnoreCase);
        var exported = ModuleManifest.CmdletsToExport(ModuleManifest.SourceManifestPath).Order(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(exported, commands, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Import_with_ErrorAction_Stop_writes_no_error_record()
    {
        using var session = new PowerShellSession(new RecordingHost());
        var result = session.Run("Remove-Module SoakPS; Import-Module $path -Force -ErrorAction Stop -PassThru | ForEach-Object Name",
            new Dictionary<string, object?> { ["path"] = PowerShellSession.ModulePath });
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Equal("SoakPS", Assert.Single(result.Output).BaseObject);
        Assert.Empty(session.Host!.Interface.ErrorLines);
    }

    [Fact]
    public void The_module_folder_contains_exactly_the_listed_files()
    {
        var actual = Directory.EnumerateFiles(ModuleManifest.ModuleFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ModuleManifest.ModuleFolder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(ModuleManifest.ExpectedFiles.Order(StringComparer.Ordinal), actual);
        Assert.False(File.Exists(Path.Combine(ModuleManifest.ModuleFolder, "System.Management.Automation.dll")));
    }

    [Fact]
    public void The_about_topic_is_shown_by_Get_Help()
    {
        using var session = new PowerShellSession(new RecordingHost());
        var text = session.Render("Get-Help about_SoakPS");
        Assert.Contains("about_SoakPS", text);
        Assert.Contains("Start-SoakRun", text);
        Assert.Contains("SOAK_ARTIFACTS_DIR", text);
    }

    public static TheoryData<string> TestScripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(PowerShellSession.RepoRoot, "tests"), "*.ps1", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(PowerShellSession.RepoRoot, file).Replace('\\', '/'));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(TestScripts))]
    public void Every_test_script_parses_without_errors(string relativePath)
    {
        Parser.ParseFile(Path.Combine(PowerShellSession.RepoRoot, relativePath), out _, out var errors);
        Assert.True(errors.Length == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));
    }
}
