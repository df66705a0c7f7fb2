
using SoakPS.Engine.Files;

namespace SoakPS.Engine.Tests.Artifacts;

public sealed class FileIdentityTests
{
    [SkippableFact]
    public void Device_inode_and_size_are_those_stat_reports()
    {
        Skip.If(OperatingSystem.IsWindows(), "stat(1) and inodes are POSIX.");
        using var temp = new TempFolder("soakps-identity-");
        File.WriteAllText(temp["a"], "12345");
        var stat = ExternalTool.Run("stat", ["-c", "%d %i %s", temp["a"]]).Output.Trim().Split(' ');
        var identity = FileIdentity.Of(temp["a"]);
        Assert.Equal((long.Parse(stat[0]), long.Parse(stat[1]), 5L), (identity.Device, identity.Inode, identity.Size));
        Assert.Equal(File.GetLastWriteTimeUtc(temp["a"]), new DateTime(identity.WriteTicks, DateTimeKind.Utc));
    }

    [Fact]
    public void A_folder_made_again_or_swapped_for_a_link_is_another_object()
    {
        using var temp = new TempFolder("soakps-identity-");
        Directory.CreateDirectory(temp["d"]);
        Directory.CreateDirectory(temp["keep"]);
        var before = FileIdentity.Of(temp["d"]);
        Assert.True(before.SameObject(FileIdentity.Of(temp["d"])));
        Directory.Delete(temp["d"]);
        Assert.Equal(FileKindValue.Missing, FileIdentity.Of(temp["d"]).Kind);
        Directory.CreateSymbolicLink(temp["d"], temp["keep"]);
        Assert.True(FileIdentity.Of(temp["d"]).IsLink);
        Assert.False(before.SameObject(FileIdentity.Of(temp["d"])));
    }

    [SkippableFact]
    public void A_file_made_again_under_its_name_while_the_old_one_is_held_is_another_object()
    {
        Skip.If(OperatingSystem.IsWindows(), "Inodes are POSIX; an open file cannot be deleted on Windows.");
        using var temp = new TempFolder("soakps-identity-");
        File.WriteAllText(temp["f"], "first");
        using var held = File.OpenHandle(temp["f"]);
        Assert.True(FileIdentity.Of(temp["f"]).SameObject(FileIdentity.Of(held)));
        File.Delete(temp["f"]);
        File.WriteAllText(temp["f"], "first");
        Assert.False(FileIdentity.Of(temp["f"]).SameObject(FileIdentity.Of(held)));
    }
}
