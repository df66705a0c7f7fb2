using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SoakPS.Module.Tests.Observability;

/// <summary>Two soaks on one host write their -MetricsFile into one folder that a real node_exporter's textfile collector reads.</summary>
[Trait("Category", "Prometheus")]
public class NodeExporterTextfileTests
{
    [Fact]
    public void Two_concurrent_runs_metrics_files_in_one_textfile_folder_scrape_without_a_collision()
    {
        var folder = Directory.CreateTempSubdirectory("soakps-textfile-").FullName;
        try
        {
            using var a = new PowerShellSession();
            using var b = new PowerShellSession();
            using (var runA = new BackgroundRun(a, Run(a, Path.Combine(folder, "bot-a.prom"), "-MetricsInstance bot-a")))
            using (var runB = new BackgroundRun(b, Run(b, Path.Combine(folder, "bot-b.prom"), string.Empty)))
            {
                Assert.Null(runA.Wait(TimeSpan.FromMinutes(2)));
                Assert.Null(runB.Wait(TimeSpan.FromMinutes(2)));
            }
            var (body, log) = ScrapeNodeExporter(folder);

            Assert.DoesNotContain("collected before", log);
            Assert.Matches(@"(?m)^node_textfile_scrape_error 0$", body);
            var runIds = Regex.Matches(body, "(?m)^soak_net_bps\\{run_id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(2, runIds.Distinct().Count());
            Assert.Matches("(?m)^soak_net_bps\\{run_id=\"[^\"]+\",soak_instance=\"bot-a\"\\} ", body);
            // Every soak series of both files made it through the collector: the two files' series counts add up.
            var written = Directory.GetFiles(folder, "*.prom").Sum(f => File.ReadAllLines(f).Count(l => l.StartsWith("soak_", StringComparison.Ordinal)));
            Assert.Equal(written, body.Split('\n').Count(l => l.StartsWith("soak_", StringComparison.Ordinal)));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string Run(PowerShellSession s, string metricsFile, string extra) =>
        $"Start-SoakRun -Simulate -Iterations 30 -IterationMinutes 1 -AutoTune -IntervalSeconds 0.05 -MetricsFile '{metricsFile}' {extra} -ArtifactPath '{s.ArtifactRoot}'";

    /// <summary>node_exporter with only the textfile collector, scraped once; its body and its log.</summary>
    private static (string Body, string Log) ScrapeNodeExporter(string folder)
    {
        var port = Net.FreePort();
        var start = new ProcessStartInfo("prometheus-node-exporter") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var flag in new[] { "--collector.disable-defaults", "--collector.textfile", "--collector.textfile.directory=" + folder, $"--web.listen-address=127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(flag);
        }
        using var exporter = ExternalTool.Start(start);
        var log = new System.Text.StringBuilder();
        exporter.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        exporter.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        exporter.BeginOutputReadLine();
        exporter.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                try
                {
                    var body = Net.Get($"http://127.0.0.1:{port}/metrics");
                    Thread.Sleep(200);
                    lock (log) return (body, log.ToString());
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline && !exporter.HasExited)
                {
                    Thread.Sleep(100);
                }
            }
        }
        finally
        {
            exporter.Kill(entireProcessTree: true);
            exporter.WaitForExit(10_000);
        }
    }
}
