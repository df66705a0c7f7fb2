using System.Text;
using SoakPS.Engine.EdgeReports;
using SoakPS.Engine.Files;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Sources;

namespace SoakPS.Engine.Tests.Artifacts;

/// <summary>
/// Files written by Windows tools are read on their content whatever their encoding marker, by every reader of edge
/// reports (replay, command, report file) and profiles; an encoding it does not read is named, not misjudged.
/// </summary>
[Trait(WindowsLane.Trait, WindowsLane.Windows)]
public sealed class InputTextTests : IDisposable
{
    private readonly TempFolder _folder = new("soakps-text-");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_report_written_by_a_Windows_tool_is_judged_on_its_numbers(string writer)
    {
        var path = _folder["EDGE_REPORT_1.json"];
        File.WriteAllBytes(path, WindowsWrittenText.Bytes(writer, WindowsWrittenText.Report(net: 2.75)));

        var read = EdgeReportReader.Read(InputFile.ReadText(path));

        Assert.True(read.IsValid, read.InvalidReason);
        Assert.Equal(2.75, read.Metrics!.NetBps);
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_report_a_bot_leaves_for_the_run_is_read_whatever_its_marker(string writer)
    {
        // The command and report-file sources read a bot's report refusing links; that read decodes the same way.
        var path = _folder["bot-report.json"];
        File.WriteAllBytes(path, WindowsWrittenText.Bytes(writer, WindowsWrittenText.Report(net: 2.75)));

        var read = EdgeReportReader.Read(InputFile.ReadTextNoLink(path, EdgeReportReader.MaxBytes));

        Assert.True(read.IsValid, read.InvalidReason);
        Assert.Equal(2.75, read.Metrics!.NetBps);
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_replayed_study_reads_Windows_written_reports(string writer)
    {
        using var h = new RunHarness();
        var folder = Directory.CreateDirectory(Path.Combine(h.Root, "recorded")).FullName;
        for (var i = 1; i <= 2; i++)
        {
            File.WriteAllBytes(Path.Combine(folder, $"EDGE_REPORT_{i}.json"), WindowsWrittenText.Bytes(writer, WindowsWrittenText.Report(net: 3.0 + i)));
        }

        h.Run(h.Options(new ReplaySource(folder), 2));

        var summaries = h.Summaries();
        Assert.All(summaries, s => Assert.NotEqual(Records.Verdict.INVALID, s.Kpi.Verdict));
        Assert.Equal(new double?[] { 4.0, 5.0 }, summaries.Select(s => s.Summary.NetBps));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_profile_written_by_a_Windows_tool_loads(string writer)
    {
        var layout = new ArtifactLayout(_folder["root"]);
        Directory.CreateDirectory(layout.Profiles);
        File.WriteAllBytes(layout.ProfileFile("edited"),
            WindowsWrittenText.Bytes(writer, "{\n\"description\": \"edited on Windows: café\",\n\"parameters\": {\"min_interval_ms\": 60}\n}"));

        var profile = new ProfileStore(layout).Load("edited");

        Assert.Equal("edited on Windows: café", profile.Description);
        Assert.Equal(60m, profile.Parameters["min_interval_ms"]);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x00, 0x00, 0x7B, 0x00, 0x00, 0x00 }, "UTF-32 little endian")]
    [InlineData(new byte[] { 0x00, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x00, 0x7B }, "UTF-32 big endian")]
    [InlineData(new byte[] { 0x7B, 0x00, 0x7D, 0x00 }, "a NUL byte at offset 1 (UTF-16 or UTF-32 without a byte order mark?)")]
    [InlineData(new byte[] { 0x7B, 0x22, 0xE9, 0x22, 0x3A, 0x31, 0x7D }, "not valid UTF-8 (bytes E9) at offset 2")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x7B, 0xC3 }, "not valid UTF-8 (with a byte order mark) (bytes C3) at offset 4")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x7B, 0x00, 0x00, 0xD8 }, "not valid UTF-16 little endian")]
    public void Any_other_encoding_is_refused_naming_what_was_found(byte[] content, string found)
    {
        var error = Assert.Throws<SoakException>(() => InputText.Decode(content, "report.json"));

        Assert.Equal("InputEncoding", error.ErrorId);
        Assert.Contains(found, error.Message);
        Assert.Contains("expected UTF-8 (with or without a byte order mark) or UTF-16 with a byte order mark", error.Message);
    }

    [Fact]
    public void A_replayed_report_in_an_unread_encoding_is_an_invalid_iteration_naming_it()
    {
        using var h = new RunHarness();
        var folder = Directory.CreateDirectory(Path.Combine(h.Root, "recorded")).FullName;
        File.WriteAllBytes(Path.Combine(folder, "EDGE_REPORT_1.json"), Encoding.UTF32.GetPreamble().Concat(Encoding.UTF32.GetBytes(ReportTexts.Stable)).ToArray());
        File.WriteAllText(Path.Combine(folder, "EDGE_REPORT_2.json"), ReportTexts.Stable);

        h.Run(h.Options(new ReplaySource(folder), 2));

        var summaries = h.Summaries();
        Assert.Equal(Records.Verdict.INVALID, summaries[0].Kpi.Verdict);
        Assert.Contains("UTF-32 little endian", string.Join(" ", summaries[0].Kpi.Reasons));
        Assert.NotEqual(Records.Verdict.INVALID, summaries[1].Kpi.Verdict);
    }

    [Fact]
    public void The_live_overrides_edited_in_Notepad_with_a_mark_still_read()
    {
        var layout = new ArtifactLayout(_folder["root"]);
        new OverridesFile(layout).Write(ParameterCatalog.Default.Defaults());
        var written = File.ReadAllText(layout.RuntimeOverrides);
        File.WriteAllBytes(layout.RuntimeOverrides, WindowsWrittenText.Bytes("Notepad-Utf8-Bom", written));

        var read = new OverridesFile(layout).Read(ParameterCatalog.Default);

        Assert.True(read.IsValid, read.Reason);
        Assert.Equal(ParameterCatalog.Default.Defaults().ToCanonicalJson(), read.Values!.ToCanonicalJson());
    }

    public static TheoryData<string> Writers => WindowsWrittenText.Writers;
}
