using System.Globalization;
using System.Text.Json;
using SoakPS.Engine.Json;
using SoakPS.Engine.Metrics;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.EdgeReports;

/// <summary>
/// Reads an edge report in the formats real bots write: metrics under "totals" (or "total", or at the top level),
/// component fields at that level or under "component_breakdown", block ratios under "block_reasons", ratios given as
/// percentages normalised to 0..1, the aliases of <see cref="MetricCatalog"/> (e.g. "latency.p95", "taker_ratio"), and
/// day reports made of "buckets". Anything it cannot trust (not JSON, no net_bps, NaN/Infinity, wrong types,
/// impossible values) makes the iteration INVALID with a reason naming the field; it never throws.
/// </summary>
internal static class EdgeReportReader
{
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>Beyond this a bps figure is not a market-making result but a unit or overflow bug.</summary>
    public const double MaxAbsBps = 10_000;

    private const int MaxDrivers = 64;

    /// <summary>Beyond this an amount in USD is not a market-making result but a unit or overflow bug.</summary>
    public const double MaxAbsUsd = 1e15;

    /// <summary>Bucket fields that weigh a bucket in a day report, in order of preference.</summary>
    private static readonly string[] BucketWeights = { "notional", "volume", "volume_usd", "fills", "trades" };

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
        if (root.TryGetProperty("buckets", out var buckets) && Object(root, "totals") is null && Object(root, "total") is null && !root.TryGetProperty("net_bps", out _))
        {
            return ReadDay(buckets);
        }
        var scope = ReadScope(root);
        if (scope.Problem is not null)
        {
            return EdgeReadResult.Invalid(scope.Problem);
        }
        return Result(scope.Values, scope.Drivers, Array.Empty<string>());
    }

    /// <summary>A day report: one entry per bucket (hour, session…), combined as an operator would.</summary>
    private static EdgeReadResult ReadDay(JsonElement buckets)
    {
        if (buckets.ValueKind != JsonValueKind.Array || buckets.GetArrayLength() == 0)
        {
            return EdgeReadResult.Invalid("buckets must be a non-empty array of bucket objects");
        }
        var scopes = new List<(Scope Read, JsonElement Element)>();
        var index = 0;
        foreach (var bucket in buckets.EnumerateArray())
        {
            if (bucket.ValueKind != JsonValueKind.Object)
            {
                return EdgeReadResult.Invalid($"buckets[{index}] is not an object");
            }
            var scope = ReadScope(bucket);
            if (scope.Problem is not null)
            {
                return EdgeReadResult.Invalid($"buckets[{index}]: {scope.Problem}");
            }
            scopes.Add((scope, bucket));
            index++;
        }

        var (weightName, weights, weightProblem) = Weights(scopes.Select(s => s.Element).ToList());
        if (weightProblem is not null)
        {
            return EdgeReadResult.Invalid(weightProblem);
        }
        var values = new Dictionary<MetricDefinition, double>();
        var notes = new List<string>();
        foreach (var metric in MetricCatalog.All)
        {
            var present = Enumerable.Range(0, scopes.Count).Where(i => scopes[i].Read.Values.ContainsKey(metric)).ToList();
            if (present.Count == 0)
            {
                continue;
            }
            if (metric.DayAggregation == DayAggregation.NotCombined)
            {
                notes.Add($"{metric.Name} not evaluated: the day report gives it per bucket, and a p95 of per-bucket p95s is not a p95");
                continue;
            }
            if (metric.DayAggregation == DayAggregation.Sum)
            {
                if (present.Count < scopes.Count)
                {
                    notes.Add($"{metric.Name} not evaluated: {scopes.Count - present.Count} of {scopes.Count} buckets do not give it, so the day's total is unknown");
                    continue;
                }
                var total = present.Sum(i => scopes[i].Read.Values[metric]);
                var (summed, problem) = Checked(total, metric.Name, metric.Kind);
                if (problem is not null)
                {
                    return EdgeReadResult.Invalid($"the day's total {problem}");
                }
                values[metric] = summed!.Value;
                continue;
            }
            var totalWeight = weights is null ? 0 : present.Sum(i => weights[i]);
            values[metric] = totalWeight > 0
                ? present.Sum(i => scopes[i].Read.Values[metric] * weights![i]) / totalWeight
                : present.Average(i => scopes[i].Read.Values[metric]);
        }
        notes.Insert(0, weightName is null
            ? $"day report of {scopes.Count} buckets: mean over buckets (no bucket weight such as {string.Join("/", BucketWeights)})"
            : $"day report of {scopes.Count} buckets: weighted by {weightName}");
        var drivers = scopes.SelectMany(s => s.Read.Drivers).Distinct(StringComparer.Ordinal).Take(MaxDrivers).ToList();
        return values.ContainsKey(MetricCatalog.NetBps)
            ? Result(values, drivers, notes)
            : EdgeReadResult.Invalid("net_bps is missing in every bucket");
    }

    /// <summary>The first weight field every bucket carries as a non-negative number, with a positive total; none is fine (mean).</summary>
    private static (string? Name, double[]? Weights, string? Problem) Weights(IReadOnlyList<JsonElement> buckets)
    {
        foreach (var name in BucketWeights)
        {
            if (!buckets.All(b => b.TryGetProperty(name, out var w) && w.ValueKind == JsonValueKind.Number))
            {
                continue;
            }
            var weights = buckets.Select(b => b.GetProperty(name).TryGetDouble(out var d) ? d : double.NaN).ToArray();
            if (weights.Any(w => !double.IsFinite(w) || w < 0))
            {
                return (null, null, $"bucket weight {name} must be a finite non-negative number in every bucket");
            }
            if (weights.Sum() > 0)
            {
                return (name, weights, null);
            }
        }
        return (null, null, null);
    }

    private static EdgeReadResult Result(Dictionary<MetricDefinition, double> values, List<string> drivers, IReadOnlyList<string> notes)
    {
        if (!values.ContainsKey(MetricCatalog.NetBps))
        {
            return EdgeReadResult.Invalid("net_bps is missing");
        }
        var metrics = new EdgeMetrics { NegEdgeDrivers = drivers };
        foreach (var (metric, value) in values)
        {
            metrics = metric.With(metrics, value);
        }
        return EdgeReadResult.Valid(metrics, notes);
    }

    private sealed record Scope(Dictionary<MetricDefinition, double> Values, List<string> Drivers, string? Problem);

    private static Scope Fail(string problem) => new(new(), new(), problem);

    /// <summary>The metrics of one report (or one bucket of a day report).</summary>
    private static Scope ReadScope(JsonElement root)
    {
        if (Object(root, "totals") is { } both && Object(root, "total") is { } other && both.GetRawText() != other.GetRawText())
        {
            // Two spellings of the figures that disagree: using either silently could tune on the wrong numbers.
            return Fail("the report holds both 'totals' and 'total' with different figures; which one is meant is unknown");
        }
        var totals = Object(root, "totals") ?? Object(root, "total") ?? root;
        var breakdown = Object(totals, "component_breakdown");
        var blocks = Object(totals, "block_reasons") ?? Object(root, "block_reasons");

        var values = new Dictionary<MetricDefinition, double>();
        foreach (var metric in MetricCatalog.All)
        {
            var (value, problem) = ReadMetric(metric, totals, breakdown, blocks, root);
            if (problem is not null)
            {
                return Fail(problem);
            }
            if (value is { } v)
            {
                values[metric] = v;
            }
        }

        var drivers = new List<string>();
        if (Find("neg_edge_drivers", totals, null, root) is { } driversElement && driversElement.ValueKind != JsonValueKind.Null)
        {
            if (driversElement.ValueKind != JsonValueKind.Array || driversElement.EnumerateArray().Any(d => d.ValueKind != JsonValueKind.String))
            {
                return Fail("neg_edge_drivers must be an array of strings");
            }
            drivers.AddRange(driversElement.EnumerateArray().Select(d => d.GetString()!).Take(MaxDrivers));
        }
        return new Scope(values, drivers, null);
    }

    /// <summary>A metric from its own field, else its block_reasons ratio, else the first alias present; a direct field always wins.</summary>
    private static (double? Value, string? Problem) ReadMetric(MetricDefinition metric, JsonElement totals, JsonElement? breakdown, JsonElement? blocks, JsonElement root)
    {
        if (Find(metric.Name, totals, breakdown, root) is { } element && Checked(element, metric.Name, metric.Kind) is var direct
            && (direct.Value is not null || direct.Problem is not null))
        {
            return direct;
        }
        if (metric.BlockReason is { } reason && blocks is { } b && Object(b, reason) is { } entry && entry.TryGetProperty("ratio", out var ratio))
        {
            return Checked(ratio, $"block_reasons.{reason}.ratio", MetricKind.Ratio);
        }
        foreach (var alias in metric.Aliases)
        {
            if ((Path(totals, alias.Path) ?? Path(root, alias.Path)) is not { } aliased)
            {
                continue;
            }
            var (raw, problem) = Checked(aliased, alias.Path, alias.Kind);
            if (problem is not null || raw is null)
            {
                return (raw, problem);
            }
            return alias.ToCanonical(raw.Value) is { } canonical ? Checked(canonical, metric.Name, metric.Kind) : (null, null);
        }
        return (null, null);
    }

    private static (double? Value, string? Problem) Checked(JsonElement element, string name, MetricKind kind)
    {
        var (value, problem) = Number(element, name);
        return problem is not null || value is null ? (null, problem) : Checked(value.Value, name, kind);
    }

    private static (double? Value, string? Problem) Checked(double value, string name, MetricKind kind)
    {
        var (checkedValue, impossible) = Check(name, value, kind);
        return impossible is not null ? (null, impossible) : (checkedValue, null);
    }

    private static JsonElement? Path(JsonElement scope, string dotted)
    {
        var current = scope;
        foreach (var part in dotted.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }
        return current;
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

    private static (double Value, string? Problem) Check(string name, double value, MetricKind kind)
    {
        switch (kind)
        {
            case MetricKind.Bps when Math.Abs(value) > MaxAbsBps:
                return (value, $"{name} = {F(value)} is implausible (beyond ±{F(MaxAbsBps)} bps)");
            case MetricKind.NonNegative when value < 0:
                return (value, $"{name} = {F(value)} is negative");
            case MetricKind.NonNegative when value > 1e9:
                return (value, $"{name} = {F(value)} is implausible");
            case MetricKind.Ratio when value < 0 || value > 100:
                return (value, $"{name} = {F(value)} is not a ratio (0..1, or a percentage up to 100)");
            case MetricKind.Ratio when value > 1:
                return (value / 100.0, null);
            case MetricKind.Percent when value < 0 || value > 100:
                return (value, $"{name} = {F(value)} is not a percentage (0..100)");
            case MetricKind.Quotient when value < 0 || value > 1e6:
                return (value, $"{name} = {F(value)} is impossible");
            case MetricKind.Usd when Math.Abs(value) > MaxAbsUsd:
                return (value, $"{name} = {F(value)} is implausible (beyond ±{MaxAbsUsd:0e0} USD)");
            case MetricKind.NonNegativeUsd when value < 0:
                return (value, $"{name} = {F(value)} is negative");
            case MetricKind.NonNegativeUsd when value > MaxAbsUsd:
                return (value, $"{name} = {F(value)} is implausible (beyond {MaxAbsUsd:0e0} USD)");
            default:
                return (value, null);
        }
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
