namespace SoakPS.Engine.Tests.Attacks;

/// <summary>Makes a named pipe with the system's mkfifo: nothing ever writes to it, so opening it for reading would block forever.</summary>
internal static class Fifo
{
    public static string Make(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var (exitCode, output) = ExternalTool.Run("mkfifo", [path]);
        Assert.True(exitCode == 0, $"mkfifo {path}: {output}");
        return path;
    }

    /// <summary>Runs <paramref name="action"/> and fails the test (instead of hanging it) when it does not finish in time.</summary>
    public static T Within<T>(TimeSpan limit, Func<T> action)
    {
        var task = Task.Run(action);
        Assert.True(task.Wait(limit), $"did not finish within {limit.TotalSeconds} s (blocked on a pipe?)");
        return task.Result;
    }
}
