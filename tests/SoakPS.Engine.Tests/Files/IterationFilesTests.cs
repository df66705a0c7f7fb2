
using SoakPS.Engine.Files;

namespace SoakPS.Engine.Tests.Artifacts;

/// <summary>Summaries are found by number: numeric order, plain over .gz, odd names ignored, odd-but-valid names kept as they are.</summary>
public class IterationFilesTests
{
    [Fact]
    public void Summaries_come_in_numeric_order_with_the_plain_file_winning_and_other_names_ignored()
    {
        var folder = Directory.CreateTempSubdirectory("soakps-iteration-files-").FullName;
        try
        {
            foreach (var name in new[] { "ITER_SUMMARY_10.json", "ITER_SUMMARY_9.json.gz", "ITER_SUMMARY_2.json.gz", "ITER_SUMMARY_2.json", "ITER_SUMMARY_007.json",
                         "ITER_SUMMARY_x.json", "ITER_SUMMARY_1234567890.json", "ITER_SUMMARY_3.json.tmp", "iter_summary_4.json", "ITER_SUMMARY_5.jsonx" })
            {
                File.WriteAllText(Path.Combine(folder, name), "{}");
            }
            Directory.CreateDirectory(Path.Combine(folder, "ITER_SUMMARY_6.json"));

            var files = IterationFiles.List(folder);

            Assert.Equal(new[] { 2, 7, 9, 10 }, files.Select(f => f.Iteration));
            Assert.Equal(new[] { "ITER_SUMMARY_2.json", "ITER_SUMMARY_007.json", "ITER_SUMMARY_9.json.gz", "ITER_SUMMARY_10.json" }, files.Select(f => Path.GetFileName(f.Path)));
            Assert.Equal(new[] { false, false, true, false }, files.Select(f => f.Compressed));
            Assert.All(files, f => Assert.True(File.Exists(f.Path)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("ITER_SUMMARY_1.json", true, 1, false)]
    [InlineData("ITER_SUMMARY_123456789.json.gz", true, 123456789, true)]
    [InlineData("ITER_SUMMARY_.json", false, 0, false)]
    [InlineData("ITER_SUMMARY_1.json.gz.tmp", false, 0, false)]
    [InlineData("ITER_SUMMARY_١.json", false, 0, false)]
    public void Names_parse_as_the_contract_says(string name, bool valid, int iteration, bool compressed)
    {
        Assert.Equal(valid, IterationFiles.TryParse(name, out var n, out var gz));
        Assert.Equal((iteration, compressed), (n, gz));
    }
}
