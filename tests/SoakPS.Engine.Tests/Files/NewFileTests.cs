
using SoakPS.Engine.Files;

namespace SoakPS.Engine.Tests.Artifacts;

/// <summary>
/// The temp files of atomic writes: created only when the name is new, with the errors AtomicFile depends on, and
/// without the advisory lock a FileStream takes on Unix (two system calls per write that protect nothing).
/// </summary>
public sealed class NewFileTests
{
    [Fact]
    public void Creates_a_writable_file_that_did_not_exist()
    {
        using var folder = new TempFolder("newfile");
        var path = folder["a.tmp"];
        using (var handle = NewFile.CreateForWriting(path))
        {
            RandomAccess.Write(handle, "content"u8, 0);
            RandomAccess.FlushToDisk(handle);
        }
        Assert.Equal("content", File.ReadAllText(path));
    }

    [Fact]
    public void An_existing_file_is_refused_and_left_as_it_was()
    {
        using var folder = new TempFolder("newfile");
        var path = folder["a.tmp"];
        File.WriteAllText(path, "someone else's");
        var error = Assert.ThrowsAny<IOException>(() => NewFile.CreateForWriting(path).Dispose());
        Assert.IsNotType<DirectoryNotFoundException>(error);
        Assert.Equal("someone else's", File.ReadAllText(path));
    }

    [Fact]
    public void A_missing_folder_is_a_DirectoryNotFoundException_so_AtomicFile_creates_it()
    {
        using var folder = new TempFolder("newfile");
        Assert.Throws<DirectoryNotFoundException>(() => NewFile.CreateForWriting(folder["missing/a.tmp"]).Dispose());

        AtomicFile.WriteAllText(folder["missing/b.json"], "{}");
        Assert.Equal("{}", File.ReadAllText(folder["missing/b.json"]));
    }

    [SkippableFact]
    public void Holds_no_advisory_lock_while_open_on_Linux()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "The advisory flock is how .NET emulates FileShare on Unix; Windows share modes are another matter.");
        using var folder = new TempFolder("newfile");
        var path = folder["a.tmp"];
        using var handle = NewFile.CreateForWriting(path);
        // FileShare.None takes flock(LOCK_EX | LOCK_NB): it fails with EWOULDBLOCK if our handle holds any lock.
        using var other = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
        Assert.True(other.CanRead);
    }
}
