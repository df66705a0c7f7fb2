using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;

namespace SoakPS.Output;

public enum SoakProfileKind
{
    BuiltIn,
    User,
}

/// <summary>A profile as Get-SoakProfile lists it: the six catalog values it yields (defaults filled in), flat for Export-Csv.</summary>
public sealed class SoakProfileInfo
{
    internal SoakProfileInfo(Profile profile, ParameterSet effective)
    {
        Name = profile.Name;
        Kind = profile.IsBuiltIn ? SoakProfileKind.BuiltIn : SoakProfileKind.User;
        Description = profile.Description;
        BaseSpreadBpsDelta = Get(effective, "base_spread_bps_delta");
        ImpactCapRatio = Get(effective, "impact_cap_ratio");
        MaxDeltaRatio = Get(effective, "max_delta_ratio");
        MinIntervalMs = Get(effective, "min_interval_ms");
        ReplaceRatePerMin = Get(effective, "replace_rate_per_min");
        TailAgeMs = Get(effective, "tail_age_ms");
        ExtraParameters = string.Join(", ", (profile.ExtraDefinitions ?? Array.Empty<ParameterDefinition>())
            .Where(d => !ParameterCatalog.Default.TryGet(d.Name, out _))
            .Select(d => $"{d.Name}={Engine.Json.JsonNumbers.Format(effective.TryGet(d.Name, out var v) ? v : d.Default)}"));
        SetKeys = string.Join(", ", profile.Parameters.Keys.OrderBy(k => k, StringComparer.Ordinal));
        HasPolicy = profile.Policy is not null;
        Path = profile.Path;
    }

    public string Name { get; }
    public SoakProfileKind Kind { get; }
    public string Description { get; }
    public decimal? BaseSpreadBpsDelta { get; }
    public decimal? ImpactCapRatio { get; }
    public decimal? MaxDeltaRatio { get; }
    public decimal? MinIntervalMs { get; }
    public decimal? ReplaceRatePerMin { get; }
    public decimal? TailAgeMs { get; }

    /// <summary>Parameters the profile declares beyond the catalog, as name=value.</summary>
    public string ExtraParameters { get; }

    /// <summary>The parameters the profile itself sets; the others come from the catalog defaults.</summary>
    public string SetKeys { get; }

    public bool HasPolicy { get; }
    public string? Path { get; }

    private static decimal? Get(ParameterSet values, string name) => values.TryGet(name, out var v) ? v : null;
}
