using System.Text.RegularExpressions;

namespace SoakPS.Module.Tests;

/// <summary>
/// Get-SoakIteration reads ahead on worker threads; at the PowerShell surface nothing may show it: objects in iteration
/// order across many read batches, each unreadable file an UnreadableIterationSummary error in the stream, a FIFO
/// among the summaries refused without hanging, -First stopping the read early.
/// </summary>
public class GetSoakIterationReadAheadTests
{
    private static readonly Regex Number = new("\"iteration\": \\d+");

    [Fact]
    public void Many_summaries_come_in_order_with_broken_files_and_a_fifo_reported_and_the_stream_going_on()
    {
        using var s = new PowerShellSession();
        s.Run($"Start-SoakRun -Mock -Iterations 3 -AutoTune -Seed 3 -ArtifactPath '{s.ArtifactRoot}'");
        var latest = Path.Combine(s.ArtifactRoot, "latest");
        var template = File.ReadAllText(Path.Combine(latest, "ITER_SUMMARY_3.json"));
        const int count = 1_500;
        for (var n = 4; n <= count; n++)
        {
            File.WriteAllText(Path.Combine(latest, $"ITER_SUMMARY_{n}.json"), n == 600 ? "{ \"iteration\": " : Number.Replace(template, $"\"iteration\": {n}", 1));
        }
        var fifo = Path.Combine(latest, "ITER_SUMMARY_1200.json");
        File.Delete(fifo);
        if (!OperatingSystem.IsWindows()) Fifo.Make(fifo);

        var read = Task.Run(() => s.Run($"Get-SoakIteration -ArtifactPath '{s.ArtifactRoot}'"));
        Assert.True(read.Wait(TimeSpan.FromSeconds(60)), "Get-SoakIteration did not finish (blocked on a pipe?)");
        var result = read.Result;

        var expected = Enumerable.Range(1, count).Where(n => n is not 600 and not 1200).ToArray();
        Assert.Equal(expected, result.Output.Select(o => o.Prop<int>("Iteration")));
        var errors = result.AllErrors.Where(e => e.FullyQualifiedErrorId.StartsWith("UnreadableIterationSummary", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { "ITER_SUMMARY_600.json", "ITER_SUMMARY_1200.json" }, errors.Select(e => Path.GetFileName((string)e.TargetObject)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Contains("not a regular file", errors[1].Exception.Message);
        }
        Assert.All(result.Output, o => Assert.Equal(s.ArtifactRoot, o.Prop<string>("ArtifactPath")));
    }

    [Fact]
    public void First_stops_the_read_and_the_next_call_reads_again_from_the_start()
    {
        using var s = new PowerShellSession();
        s.Run($"Start-SoakRun -Mock -Iterations 40 -ArtifactPath '{s.ArtifactRoot}'");

        var first = s.Run($"Get-SoakIteration -ArtifactPath '{s.ArtifactRoot}' | Select-Object -First 3");
        var last = s.Run($"Get-SoakIteration -ArtifactPath '{s.ArtifactRoot}' -Last 2");

        Assert.Empty(first.AllErrors);
        Assert.Equal(new[] { 1, 2, 3 }, first.Output.Select(o => o.Prop<int>("Iteration")));
        Assert.Equal(new[] { 39, 40 }, last.Output.Select(o => o.Prop<int>("Iteration")));
    }
}
