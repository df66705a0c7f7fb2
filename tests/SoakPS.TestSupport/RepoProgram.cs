using System.Diagnostics;

namespace SoakPS.TestSupport;

/// <summary>
/// A program of this repository that tests start as a real process (the soak child, the test bot): through dotnet
/// and its built dll, or, where the Windows lane published it beside the tests as a self-contained .exe (under Wine
/// there is no dotnet to start a dll with), that .exe itself.
/// </summary>
public sealed class RepoProgram
{
    private RepoProgram(string fileName, string[] prefix) => (FileName, Prefix) = (fileName, prefix);

    /// <summary>What to start.</summary>
    public string FileName { get; }

    /// <summary>The arguments that come before the program's own (the dll, when started through dotnet).</summary>
    public string[] Prefix { get; }

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";

    public static RepoProgram Locate(string project, string folder)
    {
        var published = Path.Combine(AppContext.BaseDirectory, project + ".exe");
        if (OperatingSystem.IsWindows() && File.Exists(published))
        {
            return new(published, Array.Empty<string>());
        }
        var config = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(repo.FullName, "SoakPS.sln"))) repo = repo.Parent!;
        var dll = Path.Combine(repo.FullName, folder, project, "bin", config, "net10.0", project + ".dll");
        return File.Exists(dll) ? new(Dotnet, new[] { dll }) : throw new FileNotFoundException($"Build {folder}/{project} first.", dll);
    }

    /// <summary>The program and its own arguments, as one argument list for a command source.</summary>
    public string[] Arguments(params string[] arguments) => Prefix.Concat(arguments).ToArray();

    public ProcessStartInfo StartInfo(params string[] arguments)
    {
        var info = new ProcessStartInfo(FileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in Arguments(arguments)) info.ArgumentList.Add(a);
        return info;
    }
}
