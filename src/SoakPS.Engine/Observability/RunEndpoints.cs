using System.Text;
using SoakPS.Engine.Metrics;

namespace SoakPS.Engine.Observability;

/// <summary>The paths the run's loopback server answers: /metrics always, the dashboard and its data when asked for.</summary>
public static class RunEndpoints
{
    public const string MetricsPath = "/metrics";
    public const string DashboardPath = "/";
    public const string DataPath = "/data.json";

    public static IReadOnlyDictionary<string, HttpResponseContent> For(RunWatcher watcher, bool metrics, bool dashboard)
    {
        var routes = new Dictionary<string, HttpResponseContent>(StringComparer.Ordinal);
        if (metrics)
        {
            routes[MetricsPath] = new HttpResponseContent(PrometheusText.ContentType, () => watcher.MetricsBody);
        }
        if (dashboard)
        {
            var page = Encoding.UTF8.GetBytes(DashboardPage.Live("live run"));
            routes[DashboardPath] = new HttpResponseContent("text/html; charset=utf-8", () => page);
            routes[DataPath] = new HttpResponseContent("application/json; charset=utf-8", watcher.DashboardJson);
        }
        return routes;
    }
}
