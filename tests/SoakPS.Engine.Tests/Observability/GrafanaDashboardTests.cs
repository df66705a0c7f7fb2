using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SoakPS.Engine.Tests.Observability;

/// <summary>
/// docs/grafana/soakps.json as Grafana would read it. Grafana itself is not installable here (no Debian package; its
/// license keeps it out of the project's dependencies), so these check the dashboard's JSON for what an operator needs
/// of it; PrometheusScrapeTests runs its every query against a real Prometheus.
/// </summary>
public class GrafanaDashboardTests
{
    public static JsonObject Dashboard()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SoakPS.sln"))) dir = dir.Parent;
        return JsonNode.Parse(File.ReadAllText(Path.Combine(dir!.FullName, "docs", "grafana", "soakps.json")))!.AsObject();
    }

    private static IEnumerable<JsonObject> Panels() => Dashboard()["panels"]!.AsArray().Select(p => p!.AsObject());

    private static IEnumerable<string> Exprs(JsonObject panel) => panel["targets"]!.AsArray().Select(t => (string)t!["expr"]!);

    /// <summary>The Grafana unit a query's values are in, by the metric's name (Prometheus base units; parameters by their name's suffix).</summary>
    private static string UnitOf(string expr)
    {
        if (expr.Contains("soak_parameter_value"))
        {
            var filter = Regex.Match(expr, "parameter=~\"([^\"]+)\"").Groups[1].Value;
            return filter switch { ".*_ms" => "ms", ".*_ratio" => "percentunit", ".*_bps.*" => "suffix: bps", ".*_per_min" => "suffix: /min", _ => "no unit filter: " + expr };
        }
        if (expr.Contains("soak_verdict") || expr.Contains("soak_run_verdict")) return "none";
        if (expr.StartsWith("increase(", StringComparison.Ordinal)) return "suffix: /h";
        var metric = Regex.Match(expr, "soak_[a-z0-9_]+").Value;
        return metric.EndsWith("_bps") ? "suffix: bps"
            : metric.EndsWith("_ratio") ? "percentunit"
            : metric.EndsWith("_seconds") || metric.EndsWith("_seconds_sum") ? "s"
            : "none";
    }

    [Fact]
    public void Every_panel_has_a_unit_and_every_query_of_a_panel_is_in_that_unit()
    {
        var panels = Panels().ToList();
        Assert.True(panels.Count >= 15);
        foreach (var panel in panels)
        {
            var unit = (string?)panel["fieldConfig"]?["defaults"]?["unit"];
            Assert.False(string.IsNullOrEmpty(unit), $"panel '{panel["title"]}' has no unit");
            // Grafana's "bps" is bits per second, not basis points.
            Assert.NotEqual("bps", unit);
            Assert.All(Exprs(panel), e => Assert.True(UnitOf(e) == unit, $"panel '{panel["title"]}' ({unit}) shows {e} ({UnitOf(e)})"));
        }
        // The parameters, each in its own unit, are split over one panel per unit.
        var parameterUnits = panels.Where(p => Exprs(p).Any(e => e.Contains("soak_parameter_value"))).Select(p => (string)p["fieldConfig"]!["defaults"]!["unit"]!).ToList();
        Assert.Equal(parameterUnits.Distinct().Count(), parameterUnits.Count);
        Assert.Equal(4, parameterUnits.Count);
    }

    [Fact]
    public void No_query_looks_back_less_than_an_hour_and_the_iteration_duration_uses_no_window()
    {
        foreach (var expr in Panels().SelectMany(Exprs))
        {
            foreach (Match window in Regex.Matches(expr, @"\[(\d+)([smhdw])\]"))
            {
                var amount = int.Parse(window.Groups[1].Value);
                var length = window.Groups[2].Value switch { "s" => TimeSpan.FromSeconds(amount), "m" => TimeSpan.FromMinutes(amount), "h" => TimeSpan.FromHours(amount), _ => TimeSpan.FromDays(amount) };
                Assert.True(length >= TimeSpan.FromHours(1), $"{expr}: a window of {window.Value} is empty when an iteration takes longer");
            }
        }
        var duration = Assert.Single(Panels(), p => ((string)p["title"]!).StartsWith("Iteration duration", StringComparison.Ordinal));
        Assert.All(Exprs(duration), e => Assert.DoesNotContain("[", e));
        Assert.All(Exprs(duration), e => Assert.Contains("_sum", e));
    }

    [Fact]
    public void Verdict_panels_name_and_colour_every_verdict()
    {
        var verdictPanels = Panels().Where(p => Exprs(p).Any(e => e.Contains("verdict"))).ToList();
        Assert.True(verdictPanels.Count >= 3, $"{verdictPanels.Count} verdict panels");
        Assert.Contains(verdictPanels, p => (string)p["title"]! == "Run verdict" && (string)p["type"]! == "stat");
        Assert.Contains(verdictPanels, p => (string)p["title"]! == "Iteration verdict" && (string)p["type"]! == "stat");
        foreach (var panel in verdictPanels)
        {
            var options = panel["fieldConfig"]!["defaults"]!["mappings"]!.AsArray().Select(m => m!["options"]!.AsObject()).SelectMany(o => o).ToDictionary(o => o.Key, o => o.Value!);
            foreach (var (code, verdict) in new[] { ("1", "OK"), ("2", "WARN"), ("3", "FAIL"), ("4", "INVALID") })
            {
                Assert.True(options.TryGetValue(code, out var mapping), $"panel '{panel["title"]}' does not map {code} ({verdict})");
                Assert.EndsWith(verdict, (string)mapping!["text"]!);
                Assert.False(string.IsNullOrEmpty((string?)mapping["color"]), $"panel '{panel["title"]}' gives {verdict} no colour");
            }
            // The query yields that code: 1 OK, 2 WARN, 3 FAIL, 4 INVALID.
            Assert.All(Exprs(panel), e => Assert.Matches("verdict=\"OK\"\\} \\* 1 or .*verdict=\"WARN\"\\} \\* 2 or .*verdict=\"FAIL\"\\} \\* 3 or .*verdict=\"INVALID\"\\} \\* 4", e));
        }
    }

    [Fact]
    public void Every_legend_names_the_job_the_instance_and_the_run_so_two_runs_series_stay_apart()
    {
        var legends = Panels().SelectMany(p => p["targets"]!.AsArray()).Select(t => (string)t!["legendFormat"]!).ToList();
        Assert.NotEmpty(legends);
        Assert.All(legends, l =>
        {
            Assert.Contains("{{job}}", l);
            Assert.Contains("{{instance}}", l);
            Assert.Contains("{{soak_instance}}", l);
            Assert.Contains("{{run_id}}", l);
        });
        // Every query that aggregates keeps those labels.
        Assert.All(Panels().SelectMany(Exprs).Where(e => e.Contains(" by (")), e => Assert.Contains("by (job, instance, soak_instance, run_id)", e));
    }
}
