namespace SoakPS.Engine.Files;

/// <summary>
/// A write that failed because the artifact root's file system has no space left. Told apart from other I/O failures
/// so an operator reads "the disk is full" — not a lock problem or a raw exception — and knows nothing was lost.
/// </summary>
internal static class DiskFull
{
    // ENOSPC on Linux and macOS (.NET puts the errno in HResult); ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL on Windows.
    private const int NoSpace = 28;
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int WindowsDiskFull = unchecked((int)0x80070070);

    public static bool Is(Exception error) =>
        error is IOException { HResult: NoSpace or WindowsHandleDiskFull or WindowsDiskFull };

    /// <summary>The error for a run that could not start: what was written before the disk filled is all still valid.</summary>
    public static SoakException BeforeStart(ArtifactLayout layout, IOException error) =>
        new("ArtifactDiskFull", SoakErrorKind.WriteError,
            $"The run did not start: the disk holding the artifact root '{layout.Root}' is full ({error.Message}). " +
            "Nothing was lost; free space and start the run again.", layout.Root, error);

    /// <summary>The error for a run the full disk stopped: every file written so far is whole, so the run can be resumed.</summary>
    public static SoakException DuringRun(ArtifactLayout layout, string runId, int iteration, IOException error) =>
        new("ArtifactDiskFull", SoakErrorKind.WriteError,
            $"Run {runId} stopped in iteration {iteration}: the disk holding the artifact root '{layout.Root}' is full ({error.Message}). " +
            "Every file written so far is whole; free space and resume the run.", runId, error);
}
