using SoakPS.Engine.Parameters;
using SoakPS.Engine.Tuning;

namespace SoakPS.Output;

/// <summary>One class of the regime tuner with its fitted preset and the evidence of the fit (Find-SoakPreset).</summary>
public sealed class SoakPreset
{
    internal SoakPreset(RegimeClass c, string? savedTo)
    {
        Class = c.Name;
        When = c.When.Count == 0 ? "otherwise" : string.Join(" and ", c.When.Select(w => $"{w.Metric} {w.Op} {w.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        decimal? Get(string name) => c.Preset.TryGetValue(name, out var v) ? v : null;
        BaseSpreadBpsDelta = Get("base_spread_bps_delta");
        ImpactCapRatio = Get("impact_cap_ratio");
        MaxDeltaRatio = Get("max_delta_ratio");
        MinIntervalMs = Get("min_interval_ms");
        ReplaceRatePerMin = Get("replace_rate_per_min");
        TailAgeMs = Get("tail_age_ms");
        Preset = new ParameterSet(c.Preset).ToCanonicalJson();
        Seeds = c.Evidence?.Seeds ?? 0;
        Windows = c.Evidence?.Windows ?? 0;
        Candidates = c.Evidence?.Candidates ?? 0;
        OkShare = c.Evidence?.OkShare;
        FailShare = c.Evidence?.FailShare;
        NetUsdPerWindow = c.Evidence?.NetUsdPerWindow;
        VolumeUsdPerWindow = c.Evidence?.VolumeUsdPerWindow;
        SavedTo = savedTo;
    }

    public string Class { get; }
    public string When { get; }
    public decimal? BaseSpreadBpsDelta { get; }
    public decimal? ImpactCapRatio { get; }
    public decimal? MaxDeltaRatio { get; }
    public decimal? MinIntervalMs { get; }
    public decimal? ReplaceRatePerMin { get; }
    public decimal? TailAgeMs { get; }

    /// <summary>Every value of the preset as canonical JSON (also parameters a profile adds).</summary>
    public string Preset { get; }

    public int Seeds { get; }

    /// <summary>Windows that followed a window of this class, on which the preset was judged.</summary>
    public int Windows { get; }

    public int Candidates { get; }

    /// <summary>Share of OK among the judged windows that stayed in the class.</summary>
    public double? OkShare { get; }

    public double? FailShare { get; }
    public double? NetUsdPerWindow { get; }
    public double? VolumeUsdPerWindow { get; }

    /// <summary>The profile file the presets were written to (-SaveAs), else null.</summary>
    public string? SavedTo { get; }
}
