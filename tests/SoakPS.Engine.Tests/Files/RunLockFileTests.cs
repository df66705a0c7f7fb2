using System.Text.Json;
using SoakPS.Engine.Files;
using SoakPS.Engine.Json;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Tests.Artifacts;

/// <summary>soak.lock is written and read without the serializer; its format must stay what the serializer wrote.</summary>
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

    [Theory]
    [InlineData("{\"pid\":\"not a number\",\"host\":\"h\",\"run_id\":\"r\",\"since\":\"2026-12-01T21:00:00+00:00\"}")]
    [InlineData("{\"pid\":12,\"host\":\"h\",\"since\":\"2026-12-01T21:00:00+00:00\"}")]
    [InlineData("{\"pid\":12,\"host\":\"h\",\"run_id\":\"r\",\"since\":\"yesterday\"}")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("{\"pid\":")]
    [InlineData("")]
    public void A_holder_file_that_is_not_a_whole_holder_reads_as_unknown(string content)
    {
        var layout = new ArtifactLayout(_temp["root"]);
        Directory.CreateDirectory(layout.Root);
        File.WriteAllText(layout.LockFile, content);

        Assert.Null(RunLock.ReadHolder(layout));
    }

    [Fact]
    public void A_holder_written_by_another_writer_with_other_spacing_and_extra_fields_is_read()
    {
        var layout = new ArtifactLayout(_temp["root"]);
        Directory.CreateDirectory(layout.Root);
        File.WriteAllText(layout.LockFile, "{ \"since\": \"2026-12-01T21:00:00Z\", \"run_id\": \"r9\", \"host\": \"box\", \"pid\": 4242, \"note\": 1 }");

        Assert.Equal(new LockHolder(4242, "box", "r9", new DateTimeOffset(2026, 12, 1, 21, 0, 0, TimeSpan.Zero)), RunLock.ReadHolder(layout));
    }
}
