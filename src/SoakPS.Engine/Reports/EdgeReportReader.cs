using System.Globalization;
using System.Text.Json;
using SoakPS.Engine.Json;

namespace SoakPS.Engine.Reports;

/// <summary>
/// Reads an edge report in the formats real bots write: metrics under "totals" (or "total", or at the top level),
/// component fields at that level or under "component_breakdown", block ratios under "block_reasons", ratios given as
/// percentages normalised to 0..1. Anything it cannot trust (not JSON, no net_bps, NaN/Infinity, wrong types,
/// impossible values) makes the iteration INVALID with a reason naming the field; it never throws.
/// </summary>
public static class EdgeReportReader
{
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>Beyond this a bps figure is not a market-making result but a unit or overflow bug.</summary>
    public const double MaxAbsBps = 10_000;

    private enum Kind { Bps, NonNegative, Ratio, Percent, NonNegativeRatio }

    private static readonly (string Name, Kind Kind)[] Fields =
    {
        ("net_bps", Kind.Bps), ("gross_bps", Kind.Bps), ("fees_eff_bps", Kind.Bps), ("slippage_bps", Kind.Bps),
        ("adverse_bps", Kind.Bps), ("inventory_bps", Kind.Bps),
        ("adverse_bps_p95", Kind.NonNegative), ("slippage_bps_p95", Kind.NonNegative), ("order_age_p95_ms", Kind.NonNegative),
        ("ws_lag_p95_ms", Kind.NonNegative), ("p95_latency_ms", Kind.NonNegative),
        ("cancel_ratio", Kind.Ratio), ("maker_share_pct", Kind.Percent), ("maker_taker_ratio", Kind.NonNegativeRatio),
        ("risk_ratio", Kind.Ratio), ("min_interval_ratio", Kind.Ratio), ("concurrency_ratio", Kind.Ratio), ("throttle_ratio", Kind.Ratio),
    };

    private static readonly (string Reason, string Field)[] BlockReasons =
    {
        ("min_interval", "min_interval_ratio"), ("concurrency", "concurrency_ratio"), ("risk", "risk_ratio"), ("throttle", "throttle_ratio"),
    };

    public static EdgeReadResult Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return EdgeReadResult.Invalid("empty report");
        }
        if (text.Length > MaxBytes)
        {
            return EdgeReadResult.Invalid($"report too large ({text.Length} characters, limit {MaxBytes})");
        }
        try
        {
            using var document = StrictJson.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            return Read(document.RootElement);
        }
        catch (DuplicateJsonKeyException e)
        {
            return EdgeReadResult.Invalid(e.Message);
        }
        catch (JsonException e)
        {
            return EdgeReadResult.Invalid("not valid JSON: " + e.Message);
        }
    }

    private static EdgeReadResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return EdgeReadResult.Invalid($"the report is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
        }
        var totals = Object(root, "totals") ?? Object(root, "total") ?? root;
        var breakdown = Object(totals, "component_breakdown");
        var blocks = Object(totals, "block_reasons") ?? Object(root, "block_reasons");

        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var (name, kind) in Fields)
        {
            var element = Find(name, totals, breakdown, root);
            if (element is null)
            {
                continue;
            }
            var (value, problem) = Number(element.Value, name);
            if (problem is not null)
            {
                return EdgeReadResult.Invalid(problem);
            }
            if (value is null)
            {
                continue;
            }
            var (checkedValue, impossible) = Check(name, value.Value, kind);
            if (impossible is not null)
            {
                return EdgeReadResult.Invalid(impossible);
            }
            values[name] = checkedValue;
        }

        if (blocks is { } b)
        {
            foreach (var (reason, field) in BlockReasons)
            {
                if (values.ContainsKey(field) || Object(b, reason) is not { } entry || Find("ratio", entry, null, entry) is not { } ratioElement)
                {
                    continue;
                }
                var (value, problem) = Number(ratioElement, $"block_reasons.{reason}.ratio");
                if (problem is not null)
                {
                    return EdgeReadResult.Invalid(problem);
                }
                if (value is null)
                {
                    continue;
                }
                var (ratio, impossible) = Check($"block_reasons.{reason}.ratio", value.Value, Kind.Ratio);
                if (impossible is not null)
                {
                    return EdgeReadResult.Invalid(impossible);
                }
                values[field] = ratio;
            }
        }

        if (!values.ContainsKey("net_bps"))
        {
            return EdgeReadResult.Invalid("net_bps is missing");
        }

        var drivers = new List<string>();
        if (Find("neg_edge_drivers", totals, null, root) is { } driversElement && driversElement.ValueKind != JsonValueKind.Null)
        {
            if (driversElement.ValueKind != JsonValueKind.Array || driversElement.EnumerateArray().Any(d => d.ValueKind != JsonValueKind.String))
            {
                return EdgeReadResult.Invalid("neg_edge_drivers must be an array of strings");
            }
            drivers.AddRange(driversElement.EnumerateArray().Select(d => d.GetString()!).Take(64));
        }

        double? V(string name) => values.TryGetValue(name, out var v) ? v : null;
        return EdgeReadResult.Valid(new EdgeMetrics
        {
            NetBps = V("net_bps"), GrossBps = V("gross_bps"), FeesEffBps = V("fees_eff_bps"), SlippageBps = V("slippage_bps"),
            AdverseBps = V("adverse_bps"), InventoryBps = V("inventory_bps"), AdverseBpsP95 = V("adverse_bps_p95"),
            SlippageBpsP95 = V("slippage_bps_p95"), OrderAgeP95Ms = V("order_age_p95_ms"), WsLagP95Ms = V("ws_lag_p95_ms"),
            P95LatencyMs = V("p95_latency_ms"), CancelRatio = V("cancel_ratio"), MakerSharePct = V("maker_share_pct"),
            MakerTakerRatio = V("maker_taker_ratio"), RiskRatio = V("risk_ratio"), MinIntervalRatio = V("min_interval_ratio"),
            ConcurrencyRatio = V("concurrency_ratio"), ThrottleRatio = V("throttle_ratio"), NegEdgeDrivers = drivers,
        });
    }

    private static JsonElement? Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    private static JsonElement? Find(string name, JsonElement first, JsonElement? second, JsonElement third)
    {
        foreach (var scope in new[] { (JsonElement?)first, second, third })
        {
            if (scope is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty(name, out var value))
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>A finite number, null for an explicit JSON null (not reported), or the reason the value is unusable.</summary>
    private static (double? Value, string? Problem) Number(JsonElement element, string name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return (null, null);
            case JsonValueKind.Number:
                return element.TryGetDouble(out var d) && double.IsFinite(d)
                    ? (d, null)
                    : (null, $"{name} is not a finite number ({element.GetRawText()})");
            case JsonValueKind.String:
                var s = element.GetString() ?? string.Empty;
                return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && !double.IsFinite(parsed)
                    || s.Trim().Equals("nan", StringComparison.OrdinalIgnoreCase) || s.Contains("inf", StringComparison.OrdinalIgnoreCase)
                    ? (null, $"{name} is not a finite number (\"{Shorten(s)}\")")
                    : (null, $"{name} must be a number, not a string (\"{Shorten(s)}\")");
            default:
                return (null, $"{name} must be a number, not {element.ValueKind.ToString().ToLowerInvariant()}");
        }
    }

    private static (double Value, string? Problem) Check(string name, double value, Kind kind)
    {
        switch (kind)
        {
            case Kind.Bps when Math.Abs(value) > MaxAbsBps:
                return (value, $"{name} = {F(value)} is implausible (beyond ±{F(MaxAbsBps)} bps)");
            case Kind.NonNegative when value < 0:
                return (value, $"{name} = {F(value)} is negative");
            case Kind.NonNegative when value > 1e9:
                return (value, $"{name} = {F(value)} is implausible");
            case Kind.Ratio when value < 0 || value > 100:
                return (value, $"{name} = {F(value)} is not a ratio (0..1, or a percentage up to 100)");
            case Kind.Ratio when value > 1:
                return (value / 100.0, null);
            case Kind.Percent when value < 0 || value > 100:
                return (value, $"{name} = {F(value)} is not a percentage (0..100)");
            case Kind.NonNegativeRatio when value < 0 || value > 1e6:
                return (value, $"{name} = {F(value)} is impossible");
            default:
                return (value, null);
        }
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
