using System.Text.Json;
using System.Text.RegularExpressions;
using SoakPS.Engine.EdgeReports;
using SoakPS.Engine.Json;
using SoakPS.Engine.Metrics;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Tests.Metrics;

public class MetricCatalogTests
{
    private static EdgeMetrics Distinct()
    {
        var m = new EdgeMetrics();
        var i = 0;
        foreach (var metric in MetricCatalog.All)
        {
            m = metric.With(m, 0.01 * ++i);
        }
        return m;
    }

    [Fact]
    public void Every_metric_reads_back_what_it_writes_and_no_two_share_a_field()
    {
        var m = Distinct();
        var values = MetricCatalog.All.Select(x => x.Get(m)).ToList();
        Assert.Equal(values.Count, values.Distinct().Count());
        Assert.DoesNotContain(null, values);
    }

    [Fact]
    public void The_summary_json_uses_exactly_the_catalogue_names()
    {
        using var doc = JsonDocument.Parse(SoakJson.Serialize(Distinct()));
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n != "neg_edge_drivers").ToHashSet();
        Assert.Equal(MetricCatalog.Names.ToHashSet(), keys);
    }

    [Fact]
    public void The_writer_and_the_reader_agree_on_every_metric()
    {
        var m = Distinct();
        var read = EdgeReportReader.Read(EdgeReportWriter.Write(m, new Dictionary<string, int>(), null));
        Assert.True(read.IsValid, read.InvalidReason);
        foreach (var metric in MetricCatalog.All)
        {
            Assert.Equal(metric.Get(m)!.Value, metric.Get(read.Metrics!)!.Value, 9);
        }
    }

    [Fact]
    public void Prometheus_names_follow_the_conventions()
    {
        foreach (var metric in MetricCatalog.All)
        {
            Assert.Matches(new Regex("^soak_[a-z0-9_]+$"), metric.PrometheusName);
            Assert.False(metric.PrometheusName.EndsWith("_ms") || metric.PrometheusName.EndsWith("_pct"), metric.PrometheusName);
            if (metric.PrometheusName.EndsWith("_ratio"))
            {
                Assert.True(metric.Kind is MetricKind.Ratio || metric.PrometheusScale == 0.01, metric.Name + " exported as a 0..1 ratio");
            }
        }
        Assert.Equal(MetricCatalog.All.Count, MetricCatalog.All.Select(m => m.PrometheusName).Distinct().Count());
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_known_ones()
    {
        var e = Assert.Throws<SoakException>(() => MetricCatalog.Find("net_bsp"));
        Assert.Equal("UnknownMetric", e.ErrorId);
        Assert.Contains("net_bps", e.Message);
    }
}

public class EdgeReportDocsTests
{
    [Fact]
    public void Every_accepted_alias_is_listed_in_the_edge_report_docs()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SoakPS.sln"))) dir = dir.Parent;
        var docs = File.ReadAllText(Path.Combine(dir!.FullName, "docs", "edge-report.md"));
        foreach (var metric in MetricCatalog.All)
        {
            foreach (var alias in metric.Aliases)
            {
                Assert.Contains($"| `{alias.Path}` | `{metric.Name}` |", docs);
            }
        }
    }
}
