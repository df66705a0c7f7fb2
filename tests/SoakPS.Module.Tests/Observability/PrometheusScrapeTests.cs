using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SoakPS.Module.Tests.Observability;

/// <summary>A real Prometheus server, started on loopback by the test, scrapes a simulated run's /metrics endpoint.</summary>
[Trait("Category", "Prometheus")]
public class PrometheusScrapeTests
{
    [Fact]
    public void Prometheus_scrapes_a_simulated_runs_soak_net_bps_with_at_least_one_sample_per_iteration()
    {
        const int iterations = 6;
        var data = Directory.CreateTempSubdirectory("soakps-prometheus-").FullName;
        var promPort = Net.FreePort();
        var targetPort = Net.FreePort();
        File.WriteAllText(Path.Combine(data, "prometheus.yml"), $"""
            global:
              scrape_interval: 500ms
              scrape_timeout: 500ms
            scrape_configs:
              - job_name: soak
                static_configs:
                  - targets: ['127.0.0.1:{targetPort}']
            """);
        var start = new ProcessStartInfo("prometheus") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--config.file=" + Path.Combine(data, "prometheus.yml"), "--storage.tsdb.path=" + Path.Combine(data, "tsdb"),
                     $"--web.listen-address=127.0.0.1:{promPort}", "--log.level=warn" })
        {
            start.ArgumentList.Add(a);
        }
        using var prometheus = ExternalTool.Start(start);
        prometheus.BeginOutputReadLine();
        prometheus.BeginErrorReadLine();
        try
        {
            var api = $"http://127.0.0.1:{promPort}";
            WaitUntil(() => Net.Get(api + "/-/ready").Contains("Ready"), TimeSpan.FromSeconds(60), "Prometheus did not become ready");
            // Prometheus applies new targets up to 5 s after it is ready: wait for its first (failed) scrape of the empty port.
            WaitUntil(() => Net.Get(api + "/api/v1/targets").Contains("\"health\":\"down\""), TimeSpan.FromSeconds(60), "Prometheus never scraped the target");

            using var s = new PowerShellSession();
            // One-minute market windows simulate in milliseconds; the pause between iterations is what gives each one several scrapes.
            var result = s.Run($"Start-SoakRun -Simulate -Iterations {iterations} -IterationMinutes 1 -AutoTune -IntervalSeconds 4 -MetricsPort {targetPort} -ArtifactPath '{s.ArtifactRoot}'");
            Assert.Null(result.Terminating);
            var expected = result.Output.Select(o => o.Prop<double?>("NetBps")!.Value).ToList();
            Assert.Equal(iterations, expected.Count);

            var end = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
            var query = Uri.EscapeDataString("soak_net_bps[10m]");
            using var doc = JsonDocument.Parse(Net.Get($"{api}/api/v1/query?query={query}&time={end.ToString(CultureInfo.InvariantCulture)}"));
            Assert.Equal("success", doc.RootElement.GetProperty("status").GetString());
            var series = Assert.Single(doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray());
            Assert.Equal("soak", series.GetProperty("metric").GetProperty("job").GetString());
            var samples = series.GetProperty("values").EnumerateArray()
                .Select(v => double.Parse(v[1].GetString()!, CultureInfo.InvariantCulture)).ToList();
            Assert.True(samples.Count >= iterations, $"{samples.Count} samples for {iterations} iterations");
            // Every iteration but the last stays on /metrics for a whole interval (eight scrapes); the server stops with the run
            // right after the last one, so its value is on the textfile, not guaranteed to be scraped.
            foreach (var net in expected.Take(iterations - 1))
            {
                Assert.Contains(samples, v => Math.Abs(v - net) < 1e-9);
            }

            using var info = JsonDocument.Parse(Net.Get($"{api}/api/v1/query?query=soak_run_info&time={end.ToString(CultureInfo.InvariantCulture)}"));
            // One series per status label the scrapes saw (running, perhaps completed): all of them this simulated run.
            var runs = info.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(r => r.GetProperty("metric")).ToList();
            Assert.NotEmpty(runs);
            Assert.All(runs, r => Assert.Equal("simulate", r.GetProperty("source").GetString()));
            Assert.All(runs, r => Assert.Equal(result.Output[0].Prop<string>("RunId"), r.GetProperty("run_id").GetString()));

            // Every query of the shipped Grafana dashboard (docs/grafana/soakps.json), with its job variable set to all jobs,
            // is valid PromQL for this Prometheus and finds this run's series.
            var dashboard = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(PowerShellSession.RepoRoot, "docs", "grafana", "soakps.json")))!;
            var queries = dashboard["panels"]!.AsArray()
                .SelectMany(p => p!["targets"]!.AsArray()).Select(t => ((string)t!["expr"]!).Replace("$job", ".*")).ToList();
            Assert.True(queries.Count >= 20, $"{queries.Count} dashboard queries");
            foreach (var q in queries)
            {
                using var answer = JsonDocument.Parse(Net.Get($"{api}/api/v1/query?query={Uri.EscapeDataString(q)}&time={end.ToString(CultureInfo.InvariantCulture)}"));
                Assert.True(answer.RootElement.GetProperty("status").GetString() == "success", $"{q}: {answer.RootElement}");
                var found = answer.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().ToList();
                Assert.True(found.Count > 0, $"{q} finds nothing");
                Assert.All(found, r => Assert.Equal("soak", r.GetProperty("metric").GetProperty("job").GetString()));
            }
            // The verdict panels' code is the verdict the run reported (1 OK, 2 WARN, 3 FAIL, 4 INVALID).
            var runVerdict = queries.First(q => q.Contains("soak_run_verdict"));
            using (var coded = JsonDocument.Parse(Net.Get($"{api}/api/v1/query?query={Uri.EscapeDataString(runVerdict)}&time={end.ToString(CultureInfo.InvariantCulture)}")))
            {
                var code = coded.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
                    .Select(r => r.GetProperty("value")[1].GetString()).ToList();
                Assert.Contains(code, c => c is "1" or "2" or "3" or "4");
            }
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            prometheus.WaitForExit(10_000);
            try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static void WaitUntil(Func<bool> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (condition()) return;
            }
            catch (HttpRequestException)
            {
            }
            Thread.Sleep(100);
        }
        Assert.Fail(failure);
    }
}
