
using SoakPS.Engine.Files;

namespace SoakPS.Engine.Tests.Artifacts.FileSystem;

[Trait(WindowsLane.Trait, WindowsLane.Windows)]
public sealed class ArtifactFileSystemTests : IDisposable
{
    private readonly TempFolder _temp = new("soakps-fs-");

    public void Dispose() => _temp.Dispose();

    private string Target(string content = "old")
    {
        var path = _temp["runtime_overrides.json"];
        File.WriteAllText(path, content);
        return path;
    }

    [Theory]
    [InlineData(WindowsFileErrors.SharingViolation)]
    [InlineData(WindowsFileErrors.LockViolation)]
    [InlineData(WindowsFileErrors.AccessDenied)]
    public void A_replace_refused_while_a_reader_holds_the_file_lands_once_the_reader_lets_go(int code)
    {
        var target = Target();
        var faults = new SharingFaults(p => p == target, failures: 5, code);
        var waits = new List<TimeSpan>();
        using (ArtifactFileSystem.Use(faults.WindowsFileSystem(waits)))
        {
            AtomicFile.WriteAllText(target, "new");
        }
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(6, faults.Attempts.Count);
        Assert.Equal(new[] { 5, 10, 20, 40, 80 }, waits.Select(w => (int)w.TotalMilliseconds));
        Assert.Empty(Directory.EnumerateFiles(_temp.Path, "*.tmp"));
    }

    [Fact]
    public void Beyond_the_budget_the_error_is_FileInUse_naming_the_holder_and_the_file_is_unchanged()
    {
        var target = Target();
        var faults = new SharingFaults(p => p == target, failures: 100);
        var waits = new List<TimeSpan>();
        var error = Assert.Throws<SoakException>(() =>
        {
            using (ArtifactFileSystem.Use(faults.WindowsFileSystem(waits))) AtomicFile.WriteAllText(target, "new");
        });
        Assert.Equal("FileInUse", error.ErrorId);
        Assert.Equal(SoakErrorKind.ResourceBusy, error.Kind);
        Assert.Contains("python.exe (process 4242)", error.Message);
        Assert.Contains(target, error.Message);
        Assert.Equal(SharingRetryPolicy.Windows.Attempts, faults.Attempts.Count);
        Assert.Equal(SharingRetryPolicy.Windows.TotalWait, TimeSpan.FromTicks(waits.Sum(w => w.Ticks)));
        Assert.InRange(SharingRetryPolicy.Windows.TotalWait.TotalSeconds, 1, 5);
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Empty(Directory.EnumerateFiles(_temp.Path, "*.tmp"));
    }

    [Fact]
    public void A_read_only_file_is_a_genuine_refusal_and_is_not_retried()
    {
        var target = Target();
        File.SetAttributes(target, FileAttributes.ReadOnly);
        var faults = new SharingFaults(p => p == target, failures: 100, WindowsFileErrors.AccessDenied);
        using (ArtifactFileSystem.Use(faults.WindowsFileSystem()))
        {
            Assert.Throws<UnauthorizedAccessException>(() => ArtifactFileSystem.Current.DeleteFile(target));
        }
        Assert.Single(faults.Attempts);
    }

    [Fact]
    public void An_error_that_is_not_about_sharing_is_never_retried()
    {
        var faults = new SharingFaults(_ => true, failures: 100, code: 112); // ERROR_DISK_FULL
        var target = Target();
        using (ArtifactFileSystem.Use(faults.WindowsFileSystem()))
        {
            Assert.Throws<IOException>(() => ArtifactFileSystem.Current.DeleteFile(target));
        }
        Assert.Single(faults.Attempts);
    }

    [Fact]
    public void Without_the_Windows_policy_a_failure_is_reported_at_once()
    {
        var target = Target();
        var faults = new SharingFaults(p => p == target, failures: 1);
        using (ArtifactFileSystem.Use(new ArtifactFileSystem(faults, SharingRetryPolicy.None, sleep: _ => throw new InvalidOperationException("must not wait"))))
        {
            Assert.Throws<IOException>(() => ArtifactFileSystem.Current.DeleteFile(target));
        }
        Assert.Single(faults.Attempts);
        Assert.True(File.Exists(target));
        if (!OperatingSystem.IsWindows()) Assert.Equal(SharingRetryPolicy.None, SharingRetryPolicy.ForThisPlatform);
    }

    [Fact]
    public void An_append_cuts_a_torn_record_and_a_withdrawn_record_is_gone()
    {
        var path = _temp["journal.jsonl"];
        File.WriteAllText(path, "{\"a\":1}\n{\"b\":");
        var fs = ArtifactFileSystem.Platform;
        var start = fs.AppendRecord(path, "{\"c\":3}\n"u8);
        Assert.Equal("{\"a\":1}\n{\"c\":3}\n", File.ReadAllText(path));
        fs.TruncateTo(path, start);
        Assert.Equal("{\"a\":1}\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_lock_is_refused_to_a_second_handle_and_free_once_the_first_is_closed()
    {
        var path = _temp[".soak.lock"];
        using (var first = ArtifactFileSystem.TryLock(path))
        {
            Assert.NotNull(first);
            Assert.Null(ArtifactFileSystem.TryLock(path));
        }
        using var again = ArtifactFileSystem.TryLock(path);
        Assert.NotNull(again);
    }
}
