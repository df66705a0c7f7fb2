using System.Collections.ObjectModel;

namespace SoakPS.Engine.Profiles;

/// <summary>The profiles compiled into SoakPS (docs/parameters.md). Immutable: a user profile may not take their names.</summary>
internal static class BuiltInProfiles
{
    public static Profile SteadySafe { get; } = Create("steady_safe",
        "Conservative defaults for unattended soaks: slightly wider spread, lower impact cap, longer intervals.",
        0.16m, 0.08m, 0.12m, 75m, 260m, 740m);

    public static Profile UltraSafe { get; } = Create("ultra_safe",
        "Most defensive: longest interval and fewer replaces; the panic-revert target of choice.",
        0.16m, 0.08m, 0.12m, 80m, 240m, 700m);

    public static Profile Aggressive { get; } = Create("aggressive",
        "Tight spread, high impact cap and replace rate, short intervals; only under supervision.",
        0.10m, 0.12m, 0.16m, 50m, 320m, 500m);

    public static IReadOnlyList<Profile> All { get; } = new[] { SteadySafe, UltraSafe, Aggressive };

    public static bool IsBuiltIn(string name) => All.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public static bool TryGet(string name, out Profile profile)
    {
        profile = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return profile is not null;
    }

    private static Profile Create(string name, string description, decimal spread, decimal impactCap, decimal maxDelta,
        decimal minInterval, decimal replaceRate, decimal tailAge) =>
        new(name, description, new ReadOnlyDictionary<string, decimal>(new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["base_spread_bps_delta"] = spread,
            ["impact_cap_ratio"] = impactCap,
            ["max_delta_ratio"] = maxDelta,
            ["min_interval_ms"] = minInterval,
            ["replace_rate_per_min"] = replaceRate,
            ["tail_age_ms"] = tailAge,
        }), IsBuiltIn: true);
}
