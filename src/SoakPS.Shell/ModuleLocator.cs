namespace SoakPS.Shell;

/// <summary>Finds the built module: $env:SOAKPS_MODULE_PATH, else out/SoakPS in the repository above the executable.</summary>
public static class ModuleLocator
{
    public const string EnvironmentVariable = "SOAKPS_MODULE_PATH";

    public static string Find()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SoakPS.sln")))
                {
                    return Path.Combine(dir.FullName, "out", "SoakPS", "SoakPS.psd1");
                }
            }
        }
        throw new FileNotFoundException(
            $"The SoakPS module was not found: no SoakPS.sln above {AppContext.BaseDirectory}. Set {EnvironmentVariable} to the module folder or its .psd1.");
    }
}
