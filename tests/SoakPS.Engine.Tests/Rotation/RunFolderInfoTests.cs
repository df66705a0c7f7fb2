using System.Globalization;
using SoakPS.Engine.Artifacts.Rotation;

namespace SoakPS.Engine.Tests.Rotation;

/// <summary>
/// run.json's times decide which runs rotation may touch. Times with an offset are read by JSON's ISO 8601 parser (cheaper
/// on first use); every form must still mean what the general invariant parse, the reference, makes of it.
/// </summary>
public sealed class RunFolderInfoTests : IDisposable
{
    private readonly TempFolder _temp = new("soakps-runinfo-");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("2026-11-29T00:00:00.0000000+00:00")]
    [InlineData("2026-11-29T10:15:30Z")]
    [InlineData("2026-11-29T10:15:30.25+02:00")]
    [InlineData("2026-11-29T10:15:30-05:30")]
    [InlineData("2026-11-29T10:15:30")]
    [InlineData("2026-11-29 10:15")]
    [InlineData("2026-11-29")]
    [InlineData("11/29/2026 10:15:30 +01:00")]
    public void A_time_means_what_the_invariant_parse_makes_of_it_and_a_time_without_offset_is_UTC(string text)
    {
        var expected = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        var info = Read($$"""{"run_id":"r1","status":"completed","started_utc":"{{text}}","ended_utc":"{{text}}"}""");

        Assert.Equal(expected, info!.StartedUtc);
        Assert.Equal(expected.Offset, info.StartedUtc!.Value.Offset);
        Assert.Equal(expected, info.EndedUtc);
    }

    [Theory]
    [InlineData("not a time")]
    [InlineData("2026-13-45T99:00:00Z")]
    [InlineData("2026-11-29T10:15:30+25:00")]
    public void A_time_that_is_not_one_reads_as_unknown(string text)
    {
        var info = Read($$"""{"run_id":"r1","status":"running","started_utc":"{{text}}"}""");

        Assert.Null(info!.StartedUtc);
        Assert.Null(info.EndedUtc);
        Assert.True(info.IsRunning);
    }

    private RunFolderInfo? Read(string json)
    {
        var path = _temp["run.json"];
        File.WriteAllText(path, json);
        return RunFolderInfo.TryRead(path);
    }
}
