using Microsoft.Win32.SafeHandles;
using SoakPS.Engine.Files;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Sources;

namespace SoakPS.Engine.Tests.Artifacts.FileSystem;

/// <summary>Every fsync of a run goes through the artifact file system, which a flow of throwaway files may tell not to force data to disk.</summary>
public sealed class ForceToDiskTests
{
    /// <summary>The operating system's operations, counting the flushes to disk.</summary>
    private sealed class CountingFlushes : IFileOperations
    {
        public int Flushes;
        public void Replace(string source, string target) => OsFileOperations.Instance.Replace(source, target);
        public void DeleteFile(string path) => OsFileOperations.Instance.DeleteFile(path);
        public void DeleteEmptyDirectory(string path) => OsFileOperations.Instance.DeleteEmptyDirectory(path);

        public void FlushToDisk(SafeFileHandle handle)
        {
            Interlocked.Increment(ref Flushes);
            OsFileOperations.Instance.FlushToDisk(handle);
        }
    }

    private static (int Flushes, string Summary) SimulatedRun(Func<ArtifactFileSystem, ArtifactFileSystem> choose)
    {
        var counting = new CountingFlushes();
        using var h = new RunHarness();
        using (ArtifactFileSystem.Use(choose(new ArtifactFileSystem(counting, SharingRetryPolicy.ForThisPlatform))))
        {
            h.Run(h.Options(new SimulatorSource(3), 4) with { IterationWindow = TimeSpan.FromMinutes(15), InitialOverrides = ParameterCatalog.Default.Defaults() });
        }
        var summary = File.ReadAllText(h.Layout.LatestRun.IterationSummary(4));
        return (counting.Flushes, summary);
    }

    [Fact]
    public void A_run_forces_its_writes_to_disk_through_the_file_system_and_a_throwaway_flow_skips_every_one()
    {
        var durable = SimulatedRun(fs => fs);
        var throwaway = SimulatedRun(fs => fs.WithoutForcingToDisk());

        Assert.True(durable.Flushes >= 4 * 3, $"{durable.Flushes} flushes in a durable 4-iteration run");
        Assert.Equal(0, throwaway.Flushes);
        Assert.True(ArtifactFileSystem.Platform.ForcesToDisk);
        // Same files either way (only the run id and times differ): skipping the flush changes no content.
        Assert.Equal(Normalised(durable.Summary), Normalised(throwaway.Summary));
    }

    [Fact]
    public void Without_forcing_to_disk_a_write_is_still_whole_and_atomic()
    {
        using var temp = new TempFolder("soakps-nosync-");
        var path = temp["state.json"];
        using (ArtifactFileSystem.Use(ArtifactFileSystem.Platform.WithoutForcingToDisk()))
        {
            AtomicFile.WriteAllText(path, "{\"a\": 1}");
            AtomicFile.WriteAllText(path, "{\"a\": 2}");
        }
        Assert.Equal("{\"a\": 2}", File.ReadAllText(path));
        Assert.Empty(Directory.EnumerateFiles(temp.Path, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    private static string Normalised(string summary) =>
        System.Text.RegularExpressions.Regex.Replace(summary, "\"(run_id|timestamp)\": \"[^\"]*\"", "\"$1\": \"\"");
}
