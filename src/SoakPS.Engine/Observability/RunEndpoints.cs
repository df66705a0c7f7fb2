using System.Text;

namespace SoakPS.Engine.Observability;

/// <summary>The paths the run's loopback server answers: /metrics always, the dashboard and its data (data.json?since=n for what is new) when asked for.</summary>
internal static class RunEndpoints
{
    public const string MetricsPath = "/metrics";
    public const string DashboardPath = "/";
    public const string DataPath = "/data.json";

    public static IReadOnlyDictionary<string, HttpResponseContent> For(RunWatcher watcher, bool metrics, bool dashboard)
    {
        var routes = new Dictionary<string, HttpResponseContent>(StringComparer.Ordinal);
        if (metrics)
        {
            routes[MetricsPath] = new HttpResponseContent(PrometheusText.ContentType, _ => watcher.MetricsBody);
        }
        if (dashboard)
        {
            var page = Encoding.UTF8.GetBytes(DashboardPage.Live("live run"));
            routes[DashboardPath] = new HttpResponseContent("text/html; charset=utf-8", _ => page);
            routes[DataPath] = new HttpResponseContent("application/json; charset=utf-8", query => After(query) is { } after ? watcher.DashboardJson(after) : null);
        }
        return routes;
    }

    /// <summary>The iteration after which the page wants data ("since=n"); 0 without a query; null for anything else.</summary>
    private static int? After(string query)
    {
        if (query.Length == 0) return 0;
        const string since = "since=";
        return query.StartsWith(since, StringComparison.Ordinal)
            && int.TryParse(query.AsSpan(since.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : null;
    }
}
