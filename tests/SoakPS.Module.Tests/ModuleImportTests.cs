namespace SoakPS.Module.Tests;

public class ModuleImportTests
{
    [Fact]
    public void The_built_module_imports_without_errors()
    {
        using var session = new PowerShellSession();
        var result = session.Run("Get-Module SoakPS | ForEach-Object Name");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal("SoakPS", Assert.Single(result.Output).BaseObject);
    }
}
