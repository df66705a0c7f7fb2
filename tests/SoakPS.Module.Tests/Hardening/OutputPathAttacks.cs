
namespace SoakPS.Module.Tests.Hardening;

/// <summary>
/// Attack class "a path the user names for output is not a file": the report and the metrics textfile are written by
/// atomic replace, which put a regular file in place of /dev/full when run as root. A device, pipe or socket is refused
/// with OutputPathNotAFile and left as it was. A named pipe stands in for every such node (it needs no privilege).
/// </summary>
[Trait("Category", "Attack")]
public sealed class OutputPathAttacks
{
    [SkippableFact]
    public void Export_SoakReport_refuses_a_pipe_and_leaves_it_a_pipe()
    {
        using var s = new PowerShellSession();
        var pipe = MakePipe(s.ArtifactRoot);
        s.Run($"Start-SoakRun -Mock -Iterations 2 -ArtifactPath '{s.ArtifactRoot}'");

        var result = s.Run($"Export-SoakReport -Path '{pipe}' -ArtifactPath '{s.ArtifactRoot}'");

        Assert.Contains("is a device, pipe or socket", result.ErrorWithId("OutputPathNotAFile").Exception.Message);
        Assert.Empty(result.Output);
        Assert.True(IsPipe(pipe));
    }

    [SkippableFact]
    public void A_metrics_file_that_is_a_pipe_stops_the_run_before_it_starts()
    {
        using var s = new PowerShellSession();
        var pipe = MakePipe(s.ArtifactRoot);

        var result = s.Run($"Start-SoakRun -Mock -Iterations 2 -MetricsFile '{pipe}' -ArtifactPath '{s.ArtifactRoot}'");

        result.ErrorWithId("OutputPathNotAFile");
        Assert.Empty(result.Output);
        Assert.False(Directory.Exists(Path.Combine(s.ArtifactRoot, "latest")));
        Assert.True(IsPipe(pipe));
    }

    private static string MakePipe(string folder)
    {
        Skip.If(OperatingSystem.IsWindows(), "Devices, pipes and sockets as file-system nodes are POSIX.");
        return Fifo.Make(Path.Combine(folder, "out.pipe"));
    }

    /// <summary>POSIX test -p: true only for a named pipe (a regular file put in its place would fail it).</summary>
    private static bool IsPipe(string path) => ExternalTool.Run("sh", ["-c", "test -p \"$1\"", "sh", path]).ExitCode == 0;
}
