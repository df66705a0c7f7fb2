using System.Management.Automation.Language;

namespace SoakPS.Module.Tests;

/// <summary>Pester cannot run here; its files for the profile cmdlets must at least parse cleanly and use Pester 5 blocks.</summary>
public class ProfilePesterFileTests
{
    [Theory]
    [InlineData("Set-SoakProfile.Tests.ps1")]
    [InlineData("Get-SoakProfile.Tests.ps1")]
    public void Pester_file_parses_without_errors(string file)
    {
        var path = Path.Combine(PowerShellSession.RepoRoot, "tests", "pester", file);
        var ast = Parser.ParseFile(path, out _, out var errors);
        Assert.Empty(errors);
        var commands = ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>().Select(c => c.GetCommandName()).ToHashSet();
        Assert.Contains("Describe", commands);
        Assert.Contains("It", commands);
        Assert.Contains("Should", commands);
        Assert.Contains("Import-Module", commands);
    }
}
