using System.Text.Json;
using System.Text.RegularExpressions;

namespace SoakPS.Module.Tests.Observability;

public class ExportSoakReportTests
{
    private static JsonElement EmbeddedData(string html)
    {
        var json = Regex.Match(html, "<script id=\"soak-data\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    [Fact]
    public void Writes_the_latest_run_with_every_iteration_its_verdicts_and_the_overrides_sources()
    {
        using var s = new PowerShellSession();
        var report = Path.Combine(s.ArtifactRoot, "out", "report.html");
        var iterations = s.Run($"Start-SoakRun -Mock -Iterations 12 -AutoTune -ArtifactPath '{s.ArtifactRoot}'").Output;
        var result = s.Run($"Export-SoakReport -Path '{report}' -ArtifactPath '{s.ArtifactRoot}'");
        Assert.Null(result.Terminating);
        var file = Assert.Single(result.Output);
        Assert.Equal("SoakPS.Output.SoakReportFile", file.TypeName());
        Assert.Equal(12, file.Prop<int>("Iterations"));
        Assert.Equal(report, file.Prop<string>("Path"));
        var data = EmbeddedData(File.ReadAllText(report));
        Assert.False(data.GetProperty("live").GetBoolean());
        var points = data.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 12), points.Select(p => p.GetProperty("iteration").GetInt32()));
        Assert.Equal(iterations.Select(i => i.Prop<string>("Verdict")), points.Select(p => p.GetProperty("verdict").GetString()));
        Assert.Equal(iterations.Select(i => i.Prop<double?>("NetBps")!.Value), points.Select(p => p.GetProperty("metrics").GetProperty("net_bps").GetDouble()));
        var overrides = data.GetProperty("overrides").EnumerateArray().ToDictionary(o => o.GetProperty("parameter").GetString()!, o => o.GetProperty("source").GetString()!);
        Assert.Equal(6, overrides.Count);
        var last = iterations[^1];
        Assert.Equal(last.Prop<decimal>("MinIntervalMs"), data.GetProperty("overrides").EnumerateArray().Single(o => o.GetProperty("parameter").GetString() == "min_interval_ms").GetProperty("value").GetDecimal());
        Assert.All(overrides.Values, v => Assert.Matches("^(start of run|tuned at iteration \\d+|panic revert at iteration \\d+)", v));
        Assert.Contains(overrides.Values, v => v.StartsWith("tuned at iteration"));
    }

    [Fact]
    public void Reports_a_past_run_whose_summaries_were_compressed()
    {
        using var s = new PowerShellSession();
        var root = s.ArtifactRoot;
        var first = s.Run($"Start-SoakRun -Mock -Iterations 5 -ArtifactPath '{root}'").Output[0].Prop<string>("RunId");
        s.Run($"Start-SoakRun -Mock -Iterations 2 -ArtifactPath '{root}'");
        s.Run($"Invoke-SoakRotation -CompressAfterDays 0 -ArtifactPath '{root}' -Confirm:$false");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(root, "runs", first), "ITER_SUMMARY_*.json.gz"));
        var report = Path.Combine(root, "past.html");
        var result = s.Run($"Export-SoakReport -Path '{report}' -RunId '{first}' -ArtifactPath '{root}'");
        Assert.Null(result.Terminating);
        Assert.Equal(5, EmbeddedData(File.ReadAllText(report)).GetProperty("points").GetArrayLength());
        Assert.Equal(first, EmbeddedData(File.ReadAllText(report)).GetProperty("run").GetProperty("run_id").GetString());
    }

    [Fact]
    public void Piped_iterations_of_one_run_make_one_report_not_one_per_iteration()
    {
        using var s = new PowerShellSession();
        s.Run($"Start-SoakRun -Mock -Iterations 4 -ArtifactPath '{s.ArtifactRoot}'");
        var report = Path.Combine(s.ArtifactRoot, "r.html");
        var result = s.Run($"Get-SoakIteration -ArtifactPath '{s.ArtifactRoot}' | Export-SoakReport -Path '{report}'");
        Assert.Null(result.Terminating);
        Assert.Single(result.Output);
        Assert.True(File.Exists(report));
    }

    [Fact]
    public void WhatIf_writes_nothing_and_emits_nothing()
    {
        using var s = new PowerShellSession();
        s.Run($"Start-SoakRun -Mock -Iterations 2 -ArtifactPath '{s.ArtifactRoot}'");
        var report = Path.Combine(s.ArtifactRoot, "r.html");
        var result = s.Run($"Export-SoakReport -Path '{report}' -ArtifactPath '{s.ArtifactRoot}' -WhatIf");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        Assert.False(File.Exists(report));
    }

    [Fact]
    public void Errors_have_stable_ids()
    {
        using var s = new PowerShellSession();
        var report = Path.Combine(s.ArtifactRoot, "r.html");
        s.Run($"Export-SoakReport -Path '{report}' -ArtifactPath '{s.ArtifactRoot}'").ErrorWithId("RunNotFound");
        s.Run($"Start-SoakRun -Mock -Iterations 2 -ArtifactPath '{s.ArtifactRoot}'");
        Assert.NotEmpty(s.Run($"Export-SoakReport -Path '{report}' -RunId '../x' -ArtifactPath '{s.ArtifactRoot}'").AllErrors);
        Assert.False(File.Exists(report));
        s.Run($"Export-SoakReport -Path '{s.ArtifactRoot}' -ArtifactPath '{s.ArtifactRoot}'").ErrorWithId("ReportPathIsDirectory");
    }

    [Fact]
    public void The_table_view_shows_the_run_and_the_file()
    {
        using var s = new PowerShellSession(new RecordingHost());
        s.Run($"Start-SoakRun -Mock -Iterations 2 -ArtifactPath '{s.ArtifactRoot}'");
        var text = s.Render($"Export-SoakReport -Path '{Path.Combine(s.ArtifactRoot, "r.html")}' -ArtifactPath '{s.ArtifactRoot}'");
        Assert.Matches("RunId\\s+Status\\s+Verdict\\s+Iter\\s+Bytes\\s+File", text);
        Assert.Contains("r.html", text);
        Assert.Contains("completed", text);
    }

    [Fact]
    public void Carries_the_kpi_thresholds_of_the_runs_policy_and_warns_when_its_profile_is_gone()
    {
        using var s = new PowerShellSession();
        var profile = Path.Combine(s.ArtifactRoot, "profiles", "strict.json");
        Directory.CreateDirectory(Path.GetDirectoryName(profile)!);
        File.WriteAllText(profile, """{"parameters": {}, "policy": {"kpi": {"warn_risk_ratio_above": 0.3}}}""");
        s.Run($"Start-SoakRun -Mock -Iterations 2 -Profile strict -ArtifactPath '{s.ArtifactRoot}'");
        var report = Path.Combine(s.ArtifactRoot, "r.html");
        Assert.Empty(s.Run($"Export-SoakReport -Path '{report}' -ArtifactPath '{s.ArtifactRoot}'").Warnings);
        var thresholds = EmbeddedData(File.ReadAllText(report)).GetProperty("thresholds").EnumerateArray()
            .Select(t => $"{t.GetProperty("metric").GetString()} {t.GetProperty("verdict").GetString()} {t.GetProperty("direction").GetString()} {t.GetProperty("value").GetDouble()}").ToList();
        Assert.Contains("risk_ratio WARN above 0.3", thresholds);
        Assert.Contains("risk_ratio FAIL above 0.5", thresholds);
        Assert.Contains("net_bps WARN below 2.7", thresholds);
        Assert.Equal(9, thresholds.Count);

        File.Delete(profile);
        var result = s.Run($"Export-SoakReport -Path '{report}' -ArtifactPath '{s.ArtifactRoot}'");
        Assert.Null(result.Terminating);
        Assert.Contains(result.Warnings, w => w.Message.Contains("draws no KPI thresholds") && w.Message.Contains("'strict'"));
        Assert.Equal(0, EmbeddedData(File.ReadAllText(report)).GetProperty("thresholds").GetArrayLength());
    }
}
