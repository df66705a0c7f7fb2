using System.Globalization;
using System.Text.Json;
using SoakPS.Engine.Sources.Simulation;

namespace SoakPS.Engine.Profiles;

/// <summary>
/// A profile's <c>policy.simulator</c>: per regime, the Markov chain's probabilities of moving to each regime and any of
/// the regime's market constants (docs/simulator.md). Checked fully at load, so a bad matrix never reaches a run.
/// </summary>
internal static class SimulatorPolicyFile
{
    private const string Key = "policy.simulator";
    private const string TransitionsKey = "transitions";

    private static readonly MarketRegime[] Regimes = Enum.GetValues<MarketRegime>();
    private static readonly string[] RegimeNames = Regimes.Select(Name).ToArray();

    // The constants a profile may set, each with a range that keeps the market meaningful and a window's event count finite.
    private static readonly RegimeSetting[] Settings =
    {
        new("volatility_bps_per_sqrt_second", 0, 100, r => r.VolatilityBpsPerSqrtSecond, (r, v) => r with { VolatilityBpsPerSqrtSecond = v }),
        new("jumps_per_minute", 0, 600, r => r.JumpsPerMinute, (r, v) => r with { JumpsPerMinute = v }),
        new("jump_size_bps", 0, 1_000, r => r.JumpSizeBps, (r, v) => r with { JumpSizeBps = v }),
        new("uninformed_orders_per_second", 0, 1_000, r => r.UninformedOrdersPerSecond, (r, v) => r with { UninformedOrdersPerSecond = v }),
        new("uninformed_order_usd", 1, 1e9, r => r.UninformedOrderUsd, (r, v) => r with { UninformedOrderUsd = v }),
        new("informed_orders_per_second", 0, 1_000, r => r.InformedOrdersPerSecond, (r, v) => r with { InformedOrdersPerSecond = v }),
        new("informed_order_usd", 1, 1e9, r => r.InformedOrderUsd, (r, v) => r with { InformedOrderUsd = v }),
        new("information_size_bps", 0, 1_000, r => r.InformationSizeBps, (r, v) => r with { InformationSizeBps = v }),
        // The bot quotes only on book updates: without them it would never quote.
        new("market_data_per_second", 0.01, 1_000, r => r.MarketDataPerSecond, (r, v) => r with { MarketDataPerSecond = v }),
        new("depth_usd", 1, 1e12, r => r.DepthUsd, (r, v) => r with { DepthUsd = v }),
        new("market_half_spread_bps", 0, 1_000, r => r.MarketHalfSpreadBps, (r, v) => r with { MarketHalfSpreadBps = v }),
        new("latency_p95_ms", 0, 1e6, r => r.LatencyP95Ms, (r, v) => r with { LatencyP95Ms = v }),
        new("ws_lag_p95_ms", 0, 1e6, r => r.WsLagP95Ms, (r, v) => r with { WsLagP95Ms = v }),
    };

    private static readonly string[] RegimeKeys = Settings.Select(s => s.Key).Prepend(TransitionsKey).ToArray();

    private static readonly string[] SectionKeys = { "regimes" };

    /// <summary>The default market with what the section sets; a regime's transitions row, when given, replaces the whole row.</summary>
    public static MarketModel Read(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object) throw PolicySectionJson.Invalid(path, Key, "must be an object");
        PolicySectionJson.CheckKeys(element, SectionKeys, path, Key);
        var model = MarketModel.Default;
        if (!element.TryGetProperty("regimes", out var regimes))
        {
            return model;
        }
        if (regimes.ValueKind != JsonValueKind.Object) throw PolicySectionJson.Invalid(path, $"{Key}.regimes", "must be an object with calm, volatile or spike");
        PolicySectionJson.CheckKeys(regimes, RegimeNames, path, $"{Key}.regimes");
        var rows = model.Transitions.Select(row => row.ToArray()).ToArray();
        foreach (var regime in Regimes)
        {
            var key = $"{Key}.regimes.{Name(regime)}";
            if (!regimes.TryGetProperty(Name(regime), out var section))
            {
                continue;
            }
            if (section.ValueKind != JsonValueKind.Object) throw PolicySectionJson.Invalid(path, key, "must be an object");
            PolicySectionJson.CheckKeys(section, RegimeKeys, path, key);
            var constants = model.For(regime);
            foreach (var property in section.EnumerateObject())
            {
                if (property.Name == TransitionsKey)
                {
                    rows[(int)regime] = ReadRow(property.Value, path, $"{key}.{TransitionsKey}", regime);
                    continue;
                }
                var setting = Settings.Single(s => s.Key == property.Name);
                var value = Number(property.Value, path, $"{key}.{property.Name}");
                if (value < setting.Min || value > setting.Max)
                {
                    throw PolicySectionJson.Invalid(path, $"{key}.{property.Name}", string.Create(CultureInfo.InvariantCulture, $"must be from {setting.Min} to {setting.Max}, not {value}"));
                }
                constants = setting.With(constants, value);
            }
            model = model.With(regime, constants);
        }
        return model with { Transitions = rows };
    }

    /// <summary>The whole market of a policy: every regime's transitions row and constants, so the file reads back as the same market.</summary>
    public static void Write(Utf8JsonWriter writer, MarketModel model)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("regimes");
        foreach (var regime in Regimes)
        {
            writer.WriteStartObject(Name(regime));
            writer.WriteStartObject(TransitionsKey);
            foreach (var to in Regimes)
            {
                writer.WriteNumber(Name(to), model.Transitions[(int)regime][(int)to]);
            }
            writer.WriteEndObject();
            foreach (var setting in Settings)
            {
                writer.WriteNumber(setting.Key, setting.Get(model.For(regime)));
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static double[] ReadRow(JsonElement element, string path, string key, MarketRegime from)
    {
        if (element.ValueKind != JsonValueKind.Object) throw PolicySectionJson.Invalid(path, key, "must be an object of probabilities per regime, e.g. {\"calm\": 0.9, \"volatile\": 0.1}");
        PolicySectionJson.CheckKeys(element, RegimeNames, path, key);
        // A regime the row does not name is never entered from this one.
        var row = new double[Regimes.Length];
        foreach (var property in element.EnumerateObject())
        {
            var p = Number(property.Value, path, $"{key}.{property.Name}");
            if (p is < 0 or > 1)
            {
                throw Transitions(path, $"{key}.{property.Name}", string.Create(CultureInfo.InvariantCulture, $"is a probability and must be from 0 to 1, not {p}"));
            }
            row[Array.IndexOf(RegimeNames, property.Name)] = p;
        }
        if (!RegimeChain.IsDistribution(row))
        {
            throw Transitions(path, key, string.Create(CultureInfo.InvariantCulture,
                $"must sum to 1 (within {RegimeChain.RowSumTolerance:0.######}): the probabilities of moving from {Name(from)} to each regime sum to {row.Sum():0.######}"));
        }
        return row;
    }

    private static double Number(JsonElement value, string path, string key)
    {
        PolicySectionJson.CheckFinite(value, path, key);
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) ? d : throw PolicySectionJson.Invalid(path, key, "must be a number");
    }

    private static SoakException Transitions(string path, string key, string reason) =>
        new("InvalidRegimeTransitions", SoakErrorKind.InvalidData, $"Profile file '{path}': '{key}' {reason}.", path);

    private static string Name(MarketRegime regime) => regime.ToString().ToLowerInvariant();

    private sealed record RegimeSetting(string Key, double Min, double Max, Func<RegimeModel, double> Get, Func<RegimeModel, double, RegimeModel> With);
}
