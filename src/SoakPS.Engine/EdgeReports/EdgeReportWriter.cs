using System.Text;
using System.Text.Json;
using SoakPS.Engine.Metrics;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.EdgeReports;

/// <summary>
/// Writes metrics as a real bot's edge report ("totals" with "component_breakdown" and "block_reasons"), so
/// synthetic sources go through the same reader as real ones.
/// </summary>
internal static class EdgeReportWriter
{
    public static string Write(EdgeMetrics m, IReadOnlyDictionary<string, int> blockCounts, string? regime)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("totals");
            Numbers(w, m, MetricPlacement.Totals);
            w.WriteStartObject("component_breakdown");
            Numbers(w, m, MetricPlacement.Component);
            Number(w, MetricCatalog.NetBps.Name, m.NetBps);
            w.WriteEndObject();
            w.WriteStartArray("neg_edge_drivers");
            foreach (var d in m.NegEdgeDrivers) w.WriteStringValue(d);
            w.WriteEndArray();
            w.WriteStartObject("block_reasons");
            foreach (var metric in MetricCatalog.All.Where(x => x.Placement == MetricPlacement.BlockReason))
            {
                w.WriteStartObject(metric.BlockReason!);
                w.WriteNumber("count", blockCounts.TryGetValue(metric.BlockReason!, out var c) ? c : 0);
                Number(w, "ratio", metric.Get(m) ?? 0);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
            if (regime is not null) w.WriteString("regime", regime);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Numbers(Utf8JsonWriter w, EdgeMetrics m, MetricPlacement placement)
    {
        foreach (var metric in MetricCatalog.All.Where(x => x.Placement == placement))
        {
            Number(w, metric.Name, metric.Get(m));
        }
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, Math.Round(v, 6));
    }
}
