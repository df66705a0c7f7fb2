using System.Collections;
using SoakPS.Engine.Policy;

namespace SoakPS.Engine.Parameters;

// Interim (replaced by the params branch).
public sealed class ParameterResolver
{
    private static readonly Dictionary<string, decimal[]> Builtins = new()
    {
        ["steady_safe"] = new[] { 0.16m, 0.08m, 0.12m, 75m, 260m, 740m },
        ["ultra_safe"] = new[] { 0.16m, 0.08m, 0.12m, 80m, 240m, 700m },
        ["aggressive"] = new[] { 0.10m, 0.12m, 0.16m, 50m, 320m, 500m },
    };

    public ParameterResolver(ProfileStore store) { }

    public ResolvedParameters Resolve(string? profile, IDictionary? explicitValues, string? environmentJson)
    {
        var values = ParameterCatalog.Default.Defaults();
        if (profile is not null)
        {
            var v = Builtins[profile];
            values = values.With(ParameterCatalog.Default.Definitions.Select((d, i) => KeyValuePair.Create(d.Name, v[i])));
        }
        if (explicitValues is not null)
        {
            foreach (DictionaryEntry e in explicitValues) values = values.With((string)e.Key, Convert.ToDecimal(e.Value));
        }
        var details = values.Values.Select(kv => new ResolvedParameter(kv.Key, kv.Value, "", ParameterSource.Default, "default")).ToArray();
        return new ResolvedParameters(values, details, profile is null ? null : new Profile(profile, "", values.Values, true), ParameterCatalog.Default, SoakPolicy.Default);
    }
}
