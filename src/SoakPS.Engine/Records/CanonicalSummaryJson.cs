using System.Runtime.CompilerServices;
using System.Text.Json;
using SoakPS.Engine.Json;
using Verdict = SoakPS.Engine.Records.Verdict;

namespace SoakPS.Engine.Records;

/// <summary>
/// Reads an ITER_SUMMARY in exactly the shape the runner writes it (every property once, in the writer's order) in
/// one forward pass, and declines anything else: another order, a missing, extra or repeated property, an unexpected
/// token or a value its type cannot hold. The contract deserializer stays the reference: it reads what this
/// declines, and its results and errors are the ones users see. Same values as the contract for what this accepts,
/// at about half its CPU and two thirds of its allocations; its larger methods are compiled optimised on first use
/// (the framework code they call still warms up as usual).
/// </summary>
internal static class CanonicalSummaryJson
{
    private static readonly ParameterStatus[] Statuses = Enum.GetValues<ParameterStatus>();
    private static readonly byte[][] StatusNames = Statuses.Select(s => Utf8(SnakeCase.Of(s))).ToArray();
    private static readonly Verdict[] Verdicts = Enum.GetValues<Verdict>();
    private static readonly byte[][] VerdictNames = Verdicts.Select(v => Utf8(v.ToString())).ToArray();

    /// <summary>The summary, or null when <paramref name="utf8"/> is not in the canonical shape.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static IterationSummary? TryRead(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        try
        {
            Next(ref reader, JsonTokenType.StartObject);
            var summary = new IterationSummary
            {
                Iteration = Int(ref reader, "iteration"u8),
                RunId = Text(ref reader, "run_id"u8),
                Timestamp = Time(ref reader, "timestamp"u8),
                Source = Text(ref reader, "source"u8),
                Profile = TextOrNull(ref reader, "profile"u8),
                Regime = TextOrNull(ref reader, "regime"u8),
                Status = Text(ref reader, "status"u8),
                Summary = ReadMetrics(ref reader),
            };
            // Filled in place: a new summary already holds empty (ordinal) collections of its own.
            ReadTuning(ref reader, summary.Tuning);
            ReadKpi(ref reader, summary.Kpi);
            Next(ref reader, JsonTokenType.EndObject);
            // Anything after the document (other than white space) is the contract's error to report.
            return reader.Read() ? null : summary;
        }
        catch (Exception e) when (e is NotCanonicalException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static EdgeMetrics ReadMetrics(ref Utf8JsonReader reader)
    {
        Property(ref reader, "summary"u8, JsonTokenType.StartObject);
        var metrics = new EdgeMetrics
        {
            NetBps = Metric(ref reader, "net_bps"u8),
            GrossBps = Metric(ref reader, "gross_bps"u8),
            FeesEffBps = Metric(ref reader, "fees_eff_bps"u8),
            SlippageBps = Metric(ref reader, "slippage_bps"u8),
            AdverseBps = Metric(ref reader, "adverse_bps"u8),
            InventoryBps = Metric(ref reader, "inventory_bps"u8),
            AdverseBpsP95 = Metric(ref reader, "adverse_bps_p95"u8),
            SlippageBpsP95 = Metric(ref reader, "slippage_bps_p95"u8),
            OrderAgeP95Ms = Metric(ref reader, "order_age_p95_ms"u8),
            WsLagP95Ms = Metric(ref reader, "ws_lag_p95_ms"u8),
            P95LatencyMs = Metric(ref reader, "p95_latency_ms"u8),
            CancelRatio = Metric(ref reader, "cancel_ratio"u8),
            MakerSharePct = Metric(ref reader, "maker_share_pct"u8),
            MakerTakerRatio = Metric(ref reader, "maker_taker_ratio"u8),
            RiskRatio = Metric(ref reader, "risk_ratio"u8),
            MinIntervalRatio = Metric(ref reader, "min_interval_ratio"u8),
            ConcurrencyRatio = Metric(ref reader, "concurrency_ratio"u8),
            ThrottleRatio = Metric(ref reader, "throttle_ratio"u8),
            NetUsd = Metric(ref reader, "net_usd"u8),
            VolumeUsd = Metric(ref reader, "volume_usd"u8),
            NegEdgeDrivers = Texts(ref reader, "neg_edge_drivers"u8, new List<string>()),
        };
        Next(ref reader, JsonTokenType.EndObject);
        return metrics;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadTuning(ref Utf8JsonReader reader, IterationTuning tuning)
    {
        Property(ref reader, "tuning"u8, JsonTokenType.StartObject);
        Decimals(ref reader, "proposed_deltas"u8, tuning.ProposedDeltas);
        Decimals(ref reader, "deltas"u8, tuning.Deltas);
        tuning.Applied = Bool(ref reader, "applied"u8);
        tuning.Rationale = Text(ref reader, "rationale"u8);
        Outcomes(ref reader, tuning.Outcomes);
        tuning.SkipReason = TextOrNull(ref reader, "skip_reason"u8);
        tuning.StateHash = Text(ref reader, "state_hash"u8);
        Decimals(ref reader, "overrides"u8, tuning.Overrides);
        Flags(ref reader, "guards"u8, tuning.Guards);
        Events(ref reader, tuning.Events);
        Next(ref reader, JsonTokenType.EndObject);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadKpi(ref Utf8JsonReader reader, IterationKpi kpi)
    {
        Property(ref reader, "kpi"u8, JsonTokenType.StartObject);
        Property(ref reader, "verdict"u8, JsonTokenType.String);
        kpi.Verdict = Verdicts[OneOf(ref reader, VerdictNames)];
        Texts(ref reader, "reasons"u8, kpi.Reasons);
        Texts(ref reader, "not_evaluated"u8, kpi.NotEvaluated);
        Next(ref reader, JsonTokenType.EndObject);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Outcomes(ref Utf8JsonReader reader, SortedDictionary<string, ParameterOutcome> outcomes)
    {
        Property(ref reader, "outcomes"u8, JsonTokenType.StartObject);
        while (Key(ref reader, JsonTokenType.StartObject) is { } key)
        {
            var outcome = new ParameterOutcome(Text(ref reader, "parameter"u8), Decimal(ref reader, "old"u8), Decimal(ref reader, "proposed"u8),
                Decimal(ref reader, "new"u8), Status(ref reader), Bool(ref reader, "hit_bound"u8));
            // Written for readers of the file; derived from the others, so the contract does not read it either.
            Bool(ref reader, "changed"u8);
            Next(ref reader, JsonTokenType.EndObject);
            Add(outcomes, key, outcome);
        }
    }

    private static ParameterStatus Status(ref Utf8JsonReader reader)
    {
        Property(ref reader, "status"u8, JsonTokenType.String);
        return Statuses[OneOf(ref reader, StatusNames)];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Events(ref Utf8JsonReader reader, List<GuardEvent> events)
    {
        Property(ref reader, "events"u8, JsonTokenType.StartArray);
        while (Item(ref reader, JsonTokenType.StartObject))
        {
            events.Add(new GuardEvent(Text(ref reader, "guard"u8), Text(ref reader, "code"u8), Text(ref reader, "message"u8), Bool(ref reader, "is_warning"u8)));
            Next(ref reader, JsonTokenType.EndObject);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Decimals(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, SortedDictionary<string, decimal> values)
    {
        Property(ref reader, name, JsonTokenType.StartObject);
        while (Key(ref reader, JsonTokenType.Number) is { } key)
        {
            Add(values, key, reader.TryGetDecimal(out var value) ? value : throw new NotCanonicalException());
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Flags(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, SortedDictionary<string, bool> flags)
    {
        Property(ref reader, name, JsonTokenType.StartObject);
        while (Key(ref reader, null) is { } key)
        {
            Add(flags, key, Boolean(ref reader));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<string> Texts(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, List<string> texts)
    {
        Property(ref reader, name, JsonTokenType.StartArray);
        while (Item(ref reader, JsonTokenType.String))
        {
            texts.Add(reader.GetString()!);
        }
        return texts;
    }

    /// <summary>A repeated key: the contract keeps the last value, so the summary is left to it.</summary>
    private static void Add<T>(SortedDictionary<string, T> dictionary, string key, T value)
    {
        if (!dictionary.TryAdd(key, value))
        {
            throw new NotCanonicalException();
        }
    }

    private static int Int(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        Property(ref reader, name, JsonTokenType.Number);
        return reader.TryGetInt32(out var value) ? value : throw new NotCanonicalException();
    }

    private static decimal Decimal(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        Property(ref reader, name, JsonTokenType.Number);
        return reader.TryGetDecimal(out var value) ? value : throw new NotCanonicalException();
    }

    private static double? Metric(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        Property(ref reader, name, null);
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.Number when reader.TryGetDouble(out var value) => value,
            _ => throw new NotCanonicalException(),
        };
    }

    private static bool Bool(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        Property(ref reader, name, null);
        return Boolean(ref reader);
    }

    private static bool Boolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new NotCanonicalException(),
    };

    private static DateTimeOffset Time(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        Property(ref reader, name, JsonTokenType.String);
        return reader.TryGetDateTimeOffset(out var value) ? value : throw new NotCanonicalException();
    }

    private static string Text(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        Property(ref reader, name, JsonTokenType.String);
        return reader.GetString()!;
    }

    private static string? TextOrNull(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        Property(ref reader, name, null);
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw new NotCanonicalException(),
        };
    }

    /// <summary>The index of the current string among <paramref name="names"/>, compared exactly.</summary>
    private static int OneOf(ref Utf8JsonReader reader, byte[][] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (reader.ValueTextEquals(names[i]))
            {
                return i;
            }
        }
        throw new NotCanonicalException();
    }

    /// <summary>Moves to the property <paramref name="name"/> (the next one) and onto its value, of <paramref name="value"/> type when given.</summary>
    private static void Property(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, JsonTokenType? value)
    {
        Next(ref reader, JsonTokenType.PropertyName);
        if (!reader.ValueTextEquals(name))
        {
            throw new NotCanonicalException();
        }
        Next(ref reader, value);
    }

    /// <summary>The next key of an object, with the reader on its value; null at the object's end.</summary>
    private static string? Key(ref Utf8JsonReader reader, JsonTokenType? value)
    {
        Next(ref reader, null);
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            throw new NotCanonicalException();
        }
        var key = reader.GetString()!;
        Next(ref reader, value);
        return key;
    }

    /// <summary>True with the reader on the next item of an array, false at the array's end.</summary>
    private static bool Item(ref Utf8JsonReader reader, JsonTokenType item)
    {
        Next(ref reader, null);
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return false;
        }
        return reader.TokenType == item ? true : throw new NotCanonicalException();
    }

    private static void Next(ref Utf8JsonReader reader, JsonTokenType? expected)
    {
        if (!reader.Read() || (expected is { } type && reader.TokenType != type))
        {
            throw new NotCanonicalException();
        }
    }

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary>Leaves the document to the contract, which reads it or reports what is wrong with it.</summary>
    private sealed class NotCanonicalException : Exception
    {
    }
}
