namespace SoakPS.Engine.Studies;

/// <summary>
/// Where a study's throwaway runs go: a new folder in memory-backed storage where the system has one (Linux's
/// /dev/shm), else in the temporary folder. Its runs are read once and removed, so they never need the disk; on an
/// fsync- and unlink-bound disk the files of a run cost more than simulating it.
/// </summary>
internal static class StudyScratchFolder
{
    private const string SharedMemory = "/dev/shm";

    public static string Create()
    {
        var name = "soakps-study-" + Guid.NewGuid().ToString("N");
        if (OperatingSystem.IsLinux() && Directory.Exists(SharedMemory))
        {
            try
            {
                return Directory.CreateDirectory(Path.Combine(SharedMemory, name)).FullName;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not writable here (a locked-down container): the temporary folder will do.
            }
        }
        return Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), name)).FullName;
    }
}
