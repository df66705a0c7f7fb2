using System.IO.Compression;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records.Snapshots;

namespace SoakPS.Engine.Tests.Rotation;

public class SnapshotTests
{
    private static RunSnapshot Sample(string runId = "run-7", int endedDaysAgo = 0)
    {
        var summary = new RunSnapshotSummaryBuilder();
        summary.Add("OK", 3.0, applied: true);
        summary.Add("WARN", 2.5, applied: false);
        summary.Add("OK", 3.5, applied: true);
        summary.Add("INVALID", null, applied: false);
        return new RunSnapshot(runId, RotationTree.Now.AddHours(-3).AddDays(-endedDaysAgo), RotationTree.Now.AddDays(-endedDaysAgo), "completed", "WARN",
            "steady_safe", "mock", 42, 4, 4,
            new ParameterSet(new Dictionary<string, decimal> { ["min_interval_ms"] = 75m, ["base_spread_bps_delta"] = 0.16m }),
            summary.Build());
    }

    [Fact]
    public void A_snapshot_is_written_under_its_run_id_and_end_time_and_reads_back_equal()
    {
        using var tree = new RotationTree();
        var snapshot = Sample();

        var path = SnapshotWriter.Write(tree.Layout, snapshot);
        var read = SnapshotReader.Read(path);

        Assert.Equal(Path.Combine(tree.Layout.Snapshots, "run-7_20261124T120000Z.json"), path);
        Assert.Equal(snapshot.RunId, read.RunId);
        Assert.Equal(snapshot.StartedUtc, read.StartedUtc);
        Assert.Equal(snapshot.EndedUtc, read.EndedUtc);
        Assert.Equal(snapshot.FinalParameters, read.FinalParameters);
        Assert.Equal(new Dictionary<string, int> { ["INVALID"] = 1, ["OK"] = 2, ["WARN"] = 1 }, read.Summary.CountByVerdict);
        Assert.Equal(3.0, read.Summary.MeanNetBps);
        Assert.Equal(2, read.Summary.Applies);
        Assert.Equal((snapshot.Status, snapshot.Verdict, snapshot.Profile, snapshot.Source, snapshot.Seed, snapshot.IterationsPlanned),
            (read.Status, read.Verdict, read.Profile, read.Source, read.Seed, read.IterationsPlanned));
        Assert.Empty(Directory.GetFiles(tree.Layout.Snapshots, ".*"));
    }

    [Fact]
    public void A_run_id_with_path_characters_is_refused_and_nothing_is_written()
    {
        using var tree = new RotationTree();
        var error = Assert.Throws<SoakException>(() => SnapshotWriter.Write(tree.Layout, Sample("../escape")));
        Assert.Equal("InvalidName", error.ErrorId);
        Assert.False(Directory.Exists(tree.Layout.Snapshots));
    }

    [Fact]
    public void Compressed_and_legacy_snapshots_read_the_same_as_the_plain_file()
    {
        using var tree = new RotationTree();
        var plain = SnapshotWriter.Write(tree.Layout, Sample("run-a", endedDaysAgo: 30));
        var bytes = File.ReadAllBytes(plain);
        var legacy = Path.Combine(tree.Layout.Snapshots, "run-b_20200101T000000Z.json.tar.gz");
        RotationSafetyTests.WriteTarGz(legacy, ("run-b_20200101T000000Z.json", System.Text.Encoding.UTF8.GetString(bytes)));

        tree.Rotate();

        var listed = SnapshotReader.List(tree.Layout);
        Assert.Equal(new[] { SnapshotFormat.LegacyTarGzip, SnapshotFormat.Gzip }, listed.Select(s => s.Format));
        Assert.Equal(bytes, SnapshotReader.ReadBytes(listed[0].Path));
        Assert.Equal(bytes, SnapshotReader.ReadBytes(listed[1].Path));
        Assert.Equal("run-a", SnapshotReader.Read(listed[1].Path).RunId);
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), listed[0].TakenUtc);
        Assert.Equal("run-b", listed[0].RunId);
        Assert.Single(SnapshotReader.List(tree.Layout, "run-a"));
    }

    [Fact]
    public void When_a_snapshot_exists_plain_and_compressed_the_plain_file_is_the_one_listed()
    {
        using var tree = new RotationTree();
        var plain = SnapshotWriter.Write(tree.Layout, Sample());
        File.WriteAllBytes(plain + ".gz", new byte[] { 1, 2, 3 });

        var listed = Assert.Single(SnapshotReader.List(tree.Layout));

        Assert.Equal(plain, listed.Path);
    }

    [Fact]
    public void Broken_archives_are_reported_with_a_stable_error()
    {
        using var tree = new RotationTree();
        Directory.CreateDirectory(tree.Layout.Snapshots);
        var notGzip = Path.Combine(tree.Layout.Snapshots, "run-a_20200101T000000Z.json.gz");
        File.WriteAllText(notGzip, "plain text, not gzip");
        var two = Path.Combine(tree.Layout.Snapshots, "run-b_20200101T000000Z.json.tar.gz");
        RotationSafetyTests.WriteTarGz(two, ("a.json", "{\"run_id\":\"a\"}"), ("b.json", "{\"run_id\":\"b\"}"));
        var notSnapshot = Path.Combine(tree.Layout.Snapshots, "run-c_20200101T000000Z.json");
        File.WriteAllText(notSnapshot, "[1,2]");

        Assert.Equal("SnapshotUnreadable", Assert.Throws<SoakException>(() => SnapshotReader.Read(notGzip)).ErrorId);
        Assert.Equal("InvalidSnapshot", Assert.Throws<SoakException>(() => SnapshotReader.Read(two)).ErrorId);
        Assert.Equal("InvalidSnapshot", Assert.Throws<SoakException>(() => SnapshotReader.Read(notSnapshot)).ErrorId);
    }

    [Theory]
    [InlineData("a.json", true)]
    [InlineData("dir/a.json", true)]
    [InlineData("../a.json", false)]
    [InlineData("dir/../../a.json", false)]
    [InlineData("/etc/a.json", false)]
    [InlineData("\\\\server\\a.json", false)]
    [InlineData("C:\\a.json", false)]
    [InlineData("..\\a.json", false)]
    public void Archive_entry_names_are_trusted_only_when_relative_and_without_parent_steps(string name, bool safe) =>
        Assert.Equal(safe, SnapshotReader.IsSafeEntryName(name));

    [Fact]
    public void A_gzip_bomb_is_refused_rather_than_read()
    {
        using var tree = new RotationTree();
        Directory.CreateDirectory(tree.Layout.Snapshots);
        var bomb = Path.Combine(tree.Layout.Snapshots, "run-z_20200101T000000Z.json.gz");
        using (var gzip = new GZipStream(File.Create(bomb), CompressionLevel.SmallestSize))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 65; i++) gzip.Write(zeros);
        }

        Assert.Equal("SnapshotTooLarge", Assert.Throws<SoakException>(() => SnapshotReader.ReadBytes(bomb)).ErrorId);
    }
}
