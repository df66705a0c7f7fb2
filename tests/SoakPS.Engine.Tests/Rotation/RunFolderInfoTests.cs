using System.Globalization;
using System.Text.Json;
using SoakPS.Engine.Rotation;

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

    /// <summary>run.json as the parsed document read it before the one-pass reader: the reference every case must match.</summary>
    private static RunFolderInfo? ReadAsDocument(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            DateTimeOffset? Time(string name)
            {
                if (Text(name) is not { } s) return null;
                var offset = s.EndsWith('Z') || (s.Length > 6 && s[^6] is '+' or '-' && s[^3] == ':');
                if (offset && root.GetProperty(name).TryGetDateTimeOffset(out var iso)) return iso;
                return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
            }
            return new RunFolderInfo(Text("run_id"), Text("status"), Time("started_utc"), Time("ended_utc"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static TheoryData<string> Documents => new()
    {
        """{"run_id":"r1","status":"completed","started_utc":"2026-11-29T00:00:00.0000000+00:00","ended_utc":null}""",
        """{"run_id":"a","run_id":"b","status":"running","status":1}""",
        """{"x":{"run_id":"nested","status":"running"},"run_id":"top","list":[{"status":"x"}]}""",
        """{"x":{"run_id":"nested"}}""",
        """{"run_id":"escaped name","status":"a"b\c","ended_utc":"2026-11-29T10:15:30+02:00"}""",
        """{"started_utc":"2026-11-29T10:15:30","ended_utc":"11/29/2026 10:15:30 +01:00"}""",
        """{"started_utc":5,"ended_utc":{"at":"2026-11-29T10:15:30Z"},"status":true,"run_id":null}""",
        """{}""",
        """[{"run_id":"r1"}]""",
        "\"r1\"",
        "42",
        """{"run_id":"r1",}""",
        """{"run_id":"r1"/* note */}""",
        """{"run_id":"r1"} trailing""",
        """{"run_id":"r1" """,
        """{"run_id":"r1","status":"completed"}{"run_id":"r2"}""",
        "\uFEFF{\"run_id\":\"bom\"}",
        new string('[', 70) + new string(']', 70),
        "{\"a\":" + new string('[', 70) + new string(']', 70) + ",\"run_id\":\"deep\"}",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void The_one_pass_reader_reads_every_document_as_the_parsed_document_did(string json)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var path = _temp["run.json"];
        File.WriteAllBytes(path, bytes);

        Assert.Equal(ReadAsDocument(bytes), RunFolderInfo.TryRead(path));
    }

    private RunFolderInfo? Read(string json)
    {
        var path = _temp["run.json"];
        File.WriteAllText(path, json);
        return RunFolderInfo.TryRead(path);
    }
}
