using System.Text.Json;
using SoakPS.Engine.Artifacts;
using SoakPS.Engine.Json;

namespace SoakPS.Engine.Tests.Artifacts;

/// <summary>soak.lock is written and read through a compile-time contract; its format must stay what it was.</summary>
public sealed class RunLockFileTests : IDisposable
{
    private readonly TempFolder _temp = new("soakps-lockfile-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_holder_file_has_the_same_bytes_as_the_reflection_contract_wrote_and_reads_back()
    {
        var layout = new ArtifactLayout(_temp["root"]);
        Directory.CreateDirectory(layout.Root);
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 21, 0, 0, TimeSpan.Zero));
        using var held = RunLock.Acquire(layout, "run-7", clock);

        var written = File.ReadAllBytes(layout.LockFile);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(held.Holder, SoakJson.Compact), written);
        Assert.Contains("\"run_id\":\"run-7\"", System.Text.Encoding.UTF8.GetString(written));
        Assert.Equal(held.Holder, RunLock.ReadHolder(layout));
    }

    [Fact]
    public void A_holder_file_that_is_not_a_holder_reads_as_unknown()
    {
        var layout = new ArtifactLayout(_temp["root"]);
        Directory.CreateDirectory(layout.Root);
        File.WriteAllText(layout.LockFile, "{\"pid\":\"not a number\"}");

        Assert.Null(RunLock.ReadHolder(layout));
    }
}
