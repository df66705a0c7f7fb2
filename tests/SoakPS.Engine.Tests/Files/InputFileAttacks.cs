using System.IO.Compression;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Sources;
using SoakPS.Engine.Tests.Parameters;

namespace SoakPS.Engine.Tests.Attacks;

/// <summary>
/// Attack classes "input that is not a regular file hangs" (b) and "a small .gz that inflates to gigabytes" (c), and
/// the minor "no size limit on parameter files", "runtime_overrides.json is a directory".
/// </summary>
[Trait("Category", "Attack")]
public sealed class InputFileAttacks : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private readonly TempRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void A_fifo_as_runtime_overrides_json_is_reported_invalid_without_blocking()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows file systems have no FIFOs; the Linux runs cover this class.
        }
        Fifo.Make(_root.Layout.RuntimeOverrides);
        var read = Fifo.Within(Limit, () => new OverridesFile(_root.Layout).Read(ParameterCatalog.Default));
        Assert.False(read.IsValid);
        Assert.Equal("InputNotAFile", read.ErrorId);
    }

    [Fact]
    public void A_fifo_as_a_profile_is_refused_without_blocking()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows file systems have no FIFOs; the Linux runs cover this class.
        }
        Fifo.Make(Path.Combine(_root.Layout.Profiles, "piped.json"));
        var error = Fifo.Within(Limit, () => Record.Exception(() => new ProfileStore(_root.Layout).Load("piped")));
        var soak = Assert.IsType<SoakException>(error);
        Assert.Equal("InvalidProfileFile", soak.ErrorId);
        Assert.Contains("not a regular file", soak.Message);
    }

    [Fact]
    public void A_fifo_as_a_replayed_edge_report_makes_that_iteration_invalid_and_the_run_goes_on()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows file systems have no FIFOs; the Linux runs cover this class.
        }
        using var h = new RunHarness();
        var folder = Path.Combine(h.Root, "recorded");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "EDGE_REPORT_1.json"), ReportTexts.Make(net: 3.0, risk: 0.2));
        Fifo.Make(Path.Combine(folder, "EDGE_REPORT_2.json"));
        File.WriteAllText(Path.Combine(folder, "EDGE_REPORT_3.json"), ReportTexts.Make(net: 3.0, risk: 0.2));
        var options = h.Options(new ReplaySource(folder), 3);

        Fifo.Within(Limit, () => h.Run(options));

        var summaries = h.Summaries();
        Assert.Equal(3, summaries.Count);
        Assert.Equal(Records.Verdict.INVALID, summaries[1].Kpi.Verdict);
        Assert.Contains("not a regular file", string.Join(" ", summaries[1].Kpi.Reasons));
        Assert.NotEqual(Records.Verdict.INVALID, summaries[2].Kpi.Verdict);
    }

    [Fact]
    public void A_directory_as_runtime_overrides_json_is_named_as_such()
    {
        Directory.CreateDirectory(_root.Layout.RuntimeOverrides);
        var read = new OverridesFile(_root.Layout).Read(ParameterCatalog.Default);
        Assert.False(read.IsValid);
        Assert.Equal("InputNotAFile", read.ErrorId);
        Assert.Contains("a directory", read.Reason);
    }

    [Fact]
    public void A_replayed_report_that_inflates_beyond_the_limit_is_an_invalid_iteration_not_a_crash()
    {
        using var h = new RunHarness();
        var folder = Path.Combine(h.Root, "recorded");
        Directory.CreateDirectory(folder);
        WriteBomb(Path.Combine(folder, "EDGE_REPORT_1.json.gz"), 128L * 1024 * 1024);
        File.WriteAllBytes(Path.Combine(folder, "EDGE_REPORT_2.json.gz"), new byte[] { 1, 2, 3, 4, 5 });
        File.WriteAllText(Path.Combine(folder, "EDGE_REPORT_3.json"), ReportTexts.Make(net: 3.0, risk: 0.2));

        h.Run(h.Options(new ReplaySource(folder), 3));

        var summaries = h.Summaries();
        Assert.Equal(3, summaries.Count);
        Assert.Equal(Records.Verdict.INVALID, summaries[0].Kpi.Verdict);
        Assert.Contains("decompressed", string.Join(" ", summaries[0].Kpi.Reasons));
        Assert.Equal(Records.Verdict.INVALID, summaries[1].Kpi.Verdict);
        Assert.NotEqual(Records.Verdict.INVALID, summaries[2].Kpi.Verdict);
    }

    [Fact]
    public void A_profile_of_many_megabytes_is_refused_before_it_is_read_whole()
    {
        var file = _root.WriteProfile("huge", "{\"description\": \"" + new string('x', 3 * 1024 * 1024) + "\"}");
        var error = Assert.Throws<SoakException>(() => new ProfileStore(_root.Layout).Load("huge"));
        Assert.Equal("InvalidProfileFile", error.ErrorId);
        Assert.Contains("MB", error.Message);
        Assert.True(File.Exists(file));
    }

    /// <summary>A gzip of <paramref name="size"/> spaces: a few hundred kilobytes on disk.</summary>
    internal static long WriteBomb(string path, long size)
    {
        var chunk = new byte[1024 * 1024];
        Array.Fill(chunk, (byte)' ');
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        gzip.Write("{\"iteration\": 1, \"x\": \""u8);
        for (long written = 0; written < size; written += chunk.Length)
        {
            gzip.Write(chunk);
        }
        return size;
    }
}
