
using SoakPS.Engine.Files;

namespace SoakPS.Engine.Tests.Artifacts;

/// <summary>
/// The one check every output option goes through: where the path really leads (links, "..", case) decides, and any
/// artifact root's own files are refused before anything is written.
/// </summary>
public sealed class OutputFileTests : IDisposable
{
    private readonly TempFolder _temp = new("soakps-output-");
    private readonly ArtifactLayout _layout;

    public OutputFileTests()
    {
        _layout = new ArtifactLayout(_temp["root"]);
        Directory.CreateDirectory(_layout.Latest);
        File.WriteAllText(_layout.RuntimeOverrides, "{}");
        File.WriteAllText(_layout.LatestRun.Journal, "");
    }

    public static TheoryData<string> OwnedFiles => new()
    {
        "runtime_overrides.json", "latest/journal.jsonl", "latest/run.json", "latest/TUNING_STATE.json", "latest/TUNING_REPORT.json",
        "latest/ITER_SUMMARY_2.json", "latest/reports/EDGE_REPORT_1.json", "latest/logs/iteration_1.out", "soak.lock", ".soak.lock",
        ".overrides.lock", "profiles/mine.json", "runs/r1/run.json", "snapshots/s.json", "rotation/ROTATION_LOG.jsonl",
        "runtime_overrides.json.invalid-20261204T000000000", "latest", "legacy/steady_overrides.json",
    };

    [Theory]
    [MemberData(nameof(OwnedFiles))]
    public void A_file_of_the_artifact_root_is_refused_by_name_by_case_and_through_dot_dot(string owned)
    {
        Refused(Path.Combine(_layout.Root, owned));
        Refused(Path.Combine(_layout.Root, owned.ToUpperInvariant()));
        Refused(Path.Combine(_layout.Root, "profiles", "..", owned));
    }

    [Fact]
    public void A_link_to_an_owned_file_or_through_a_linked_folder_is_refused()
    {
        var fileLink = _temp["report.html"];
        File.CreateSymbolicLink(fileLink, _layout.RuntimeOverrides);
        Refused(fileLink);
        var folderLink = _temp["elsewhere"];
        Directory.CreateSymbolicLink(folderLink, _layout.Latest);
        Refused(Path.Combine(folderLink, "journal.jsonl"));
        Refused(Path.Combine(folderLink, "..", "runtime_overrides.json"));
    }

    [Fact]
    public void Another_artifact_root_is_known_by_its_files()
    {
        var other = new ArtifactLayout(_temp["other"]);
        Directory.CreateDirectory(other.Root);
        File.WriteAllText(other.RunLockHandle, "");
        Refused(Path.Combine(other.Root, "runtime_overrides.json"));
        Refused(Path.Combine(other.Root, "latest", "run.json"));
    }

    [Fact]
    public void A_free_name_in_or_beside_the_root_is_allowed_and_comes_back_resolved()
    {
        Assert.Equal(Path.Combine(_layout.Root, "report.html"), OutputFile.Check(Path.Combine(_layout.Root, "report.html"), "report file", "IsDir", _layout, force: false));
        var link = _temp["link"];
        Directory.CreateSymbolicLink(link, _layout.Root);
        Assert.Equal(Path.Combine(_layout.Root, "soak.prom"), OutputFile.Check(Path.Combine(link, "soak.prom"), "metrics file", "IsDir", _layout, force: false));
        Assert.Equal(_temp["latest.html"], OutputFile.Check(_temp["latest.html"], "report file", "IsDir", _layout, force: false));
    }

    [Fact]
    public void A_read_only_file_is_replaced_only_when_forced_and_a_folder_gets_the_callers_id()
    {
        var readOnly = _temp["kept.html"];
        File.WriteAllText(readOnly, "x");
        File.SetAttributes(readOnly, FileAttributes.ReadOnly);
        Assert.Equal("OutputFileReadOnly", Assert.Throws<SoakException>(() => OutputFile.Check(readOnly, "report file", "IsDir", _layout, force: false)).ErrorId);
        Assert.Equal(readOnly, OutputFile.Check(readOnly, "report file", "IsDir", _layout, force: true));
        Assert.Equal("IsDir", Assert.Throws<SoakException>(() => OutputFile.Check(_temp.Path, "report file", "IsDir", _layout, force: true)).ErrorId);
    }

    [Fact]
    public void A_link_loop_is_a_clear_error()
    {
        File.CreateSymbolicLink(_temp["a"], _temp["b"]);
        File.CreateSymbolicLink(_temp["b"], _temp["a"]);
        Assert.Equal("OutputPathUnresolvable", Assert.Throws<SoakException>(() => OutputFile.Check(_temp["a"], "report file", "IsDir", _layout, force: false)).ErrorId);
    }

    private void Refused(string path)
    {
        var e = Assert.Throws<SoakException>(() => OutputFile.Check(path, "report file", "IsDir", _layout, force: true));
        Assert.Equal("OutputPathReserved", e.ErrorId);
        Assert.Equal(path, e.Target);
    }

    public void Dispose() => _temp.Dispose();
}
