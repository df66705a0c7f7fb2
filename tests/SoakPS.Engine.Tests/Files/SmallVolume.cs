namespace SoakPS.Engine.Tests.Attacks;

/// <summary>
/// A real, tiny file system (tmpfs) that a test can fill to the last byte, so "disk full" is the kernel's ENOSPC and not
/// an injected exception. Mounting needs root on Linux; elsewhere the test is reported skipped with the reason.
/// </summary>
internal sealed class SmallVolume : IDisposable
{
    private readonly string _filler;

    private SmallVolume(string path)
    {
        Path = path;
        _filler = System.IO.Path.Combine(path, "filler");
    }

    public string Path { get; }

    public static SmallVolume Mount(string size = "2m")
    {
        Skip.IfNot(OperatingSystem.IsLinux() && Environment.UserName == "root",
            "A full disk is made with a tmpfs mount, which needs root on Linux.");
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "soakps-small-volume", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (code, output) = ExternalTool.Run("mount", ["-t", "tmpfs", "-o", $"size={size}", "tmpfs", path]);
        Skip.IfNot(code == 0, $"tmpfs could not be mounted here: {output}");
        return new SmallVolume(path);
    }

    /// <summary>Writes one file until the kernel refuses with "no space left on device".</summary>
    public void Fill()
    {
        using var file = new FileStream(_filler, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[4096];
        try
        {
            while (true) file.Write(block);
        }
        catch (IOException e) when (e.HResult == 28)
        {
        }
        // The kernel allocates pages for the file's metadata too: leave not a byte for anyone else.
        Assert.Equal(0, new DriveInfo(Path).AvailableFreeSpace);
    }

    public void Free() => File.Delete(_filler);

    public void Dispose()
    {
        var (code, output) = ExternalTool.Run("umount", ["-l", Path]);
        Assert.True(code == 0, $"umount {Path}: {output}");
        Directory.Delete(Path);
    }

}
