using System.Globalization;
using System.Text.Json.Nodes;

namespace SoakPS.Module.Tests.EndToEnd;

/// <summary>
/// `Start-SoakRun | Export-Csv` then `Import-Csv` in a real pwsh process: every property of SoakIteration is a column
/// and every value comes back; a timestamp comes back as the same UTC time (to the second) in the culture that wrote it.
/// </summary>
[Trait("Category", "Pwsh")]
public sealed class CsvRoundTripTests : IDisposable
{
    private readonly TempFolder _temp = new("soakps-csv-");

    private string Folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public void A_five_iteration_run_survives_Export_Csv_and_Import_Csv(string culture)
    {
        var root = Path.Combine(Folder, "soak");
        var csv = Path.Combine(Folder, "soak.csv");
        var run = Pwsh.Run(Folder, $$"""
            {{Pwsh.ImportModule}}
            [cultureinfo]::CurrentCulture = {{Pwsh.Quote(culture)}}
            $written = @(Start-SoakRun -Mock -Iterations 5 -AutoTune -ArtifactPath {{Pwsh.Quote(root)}} -WarningAction SilentlyContinue 6>$null)
            $written | Export-Csv -LiteralPath {{Pwsh.Quote(csv)}}
            [ordered]@{
                Culture = [cultureinfo]::CurrentCulture.Name
                DecimalSeparator = [cultureinfo]::CurrentCulture.NumberFormat.NumberDecimalSeparator
                Properties = @([SoakPS.Output.SoakIteration].GetProperties().Name)
                Written = $written
                Read = @(Import-Csv -LiteralPath {{Pwsh.Quote(csv)}})
                ReadTimestamps = @(Import-Csv -LiteralPath {{Pwsh.Quote(csv)}} | ForEach-Object { [DateTimeOffset]::Parse($_.Timestamp, [cultureinfo]::CurrentCulture).ToString('o') })
            } | ConvertTo-Json -Depth 3 -Compress
            """);
        Assert.True(run.ExitCode == 0, run.Stderr);
        // The run's closing line comes first on stdout; the compressed JSON is the last line.
        var result = JsonNode.Parse(run.Stdout.TrimEnd().Split('\n')[^1])!;
        Assert.Equal(culture, (string)result["Culture"]!);
        // Export-Csv formats numbers in the session's culture, as it does for every .NET object; this test process
        // may run without culture data, so it reads them back with the separator the session reported.
        var format = new NumberFormatInfo { NumberDecimalSeparator = (string)result["DecimalSeparator"]! };
        Assert.Equal(culture == "de-DE" ? "," : ".", format.NumberDecimalSeparator);

        var properties = result["Properties"]!.AsArray().Select(p => (string)p!).ToList();
        var header = File.ReadLines(csv).First();
        Assert.Equal(string.Join(",", properties.Select(p => $"\"{p}\"")), header);

        var written = result["Written"]!.AsArray();
        var read = result["Read"]!.AsArray();
        Assert.Equal(5, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            var row = read[i]!.AsObject();
            Assert.Equal(properties, row.Select(p => p.Key));
            foreach (var name in properties.Where(p => p != "Timestamp"))
            {
                AssertSameValue(written[i]![name], (string)row[name]!, format, $"iteration {i + 1}, {name}");
            }
            AssertTimestampOfSummary(root, i + 1, (string)result["ReadTimestamps"]![i]!);
        }
    }

    private static void AssertSameValue(JsonNode? written, string read, NumberFormatInfo format, string where)
    {
        switch (written?.GetValueKind())
        {
            case null or System.Text.Json.JsonValueKind.Null:
                Assert.True(read.Length == 0, $"{where}: expected empty, got '{read}'");
                break;
            case System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False:
                Assert.True(bool.Parse(read) == written.GetValue<bool>(), $"{where}: '{read}'");
                break;
            case System.Text.Json.JsonValueKind.Number:
                Assert.True(double.Parse(read, NumberStyles.Float, format) == written.GetValue<double>(), $"{where}: '{read}' vs {written}");
                break;
            default:
                Assert.True(read == written.GetValue<string>(), $"{where}: '{read}' vs '{written}'");
                break;
        }
    }

    /// <summary>The CSV's timestamp, read back as a date in the culture that wrote it: the summary's time to the second, in UTC.</summary>
    private static void AssertTimestampOfSummary(string root, int iteration, string timestamp)
    {
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", $"ITER_SUMMARY_{iteration}.json")))!;
        var expected = DateTimeOffset.Parse((string)summary["timestamp"]!, CultureInfo.InvariantCulture);
        var read = DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Zero, read.Offset);
        Assert.Equal(expected.ToUnixTimeSeconds(), read.ToUnixTimeSeconds());
    }
}
