namespace SoakPS.Engine.Parameters;

/// <summary>The one definition of every tuned parameter. A profile may extend it with parameters it declares with bounds.</summary>
internal sealed class ParameterCatalog
{
    public static ParameterCatalog Default { get; } = new(new[]
    {
        new ParameterDefinition("base_spread_bps_delta", "bps", 0.14m, 0.08m, 0.25m, 4, 1),
        new ParameterDefinition("impact_cap_ratio", "ratio", 0.09m, 0.08m, 0.12m, 4, -1),
        new ParameterDefinition("max_delta_ratio", "ratio", 0.14m, 0.10m, 0.16m, 4, -1),
        new ParameterDefinition("min_interval_ms", "ms", 70m, 40m, 80m, 0, 1),
        new ParameterDefinition("replace_rate_per_min", "1/min", 260m, 200m, 320m, 0, -1),
        new ParameterDefinition("tail_age_ms", "ms", 650m, 500m, 800m, 0, 1),
    });

    private readonly Dictionary<string, ParameterDefinition> _byName;

    public ParameterCatalog(IEnumerable<ParameterDefinition> definitions)
    {
        Definitions = definitions.OrderBy(d => d.Name, StringComparer.Ordinal).ToArray();
        _byName = Definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<ParameterDefinition> Definitions { get; }

    public IEnumerable<string> Names => Definitions.Select(d => d.Name);

    public bool TryGet(string name, out ParameterDefinition definition) => _byName.TryGetValue(name, out definition!);

    public ParameterDefinition this[string name] => _byName.TryGetValue(name, out var d)
        ? d
        : throw new SoakException("UnknownParameter", SoakErrorKind.InvalidArgument,
            $"Unknown parameter '{name}'.{Suggest(name)}", name);

    /// <summary>A catalog with these definitions replacing or adding to the current ones (profile bounds, extra parameters).</summary>
    public ParameterCatalog With(IEnumerable<ParameterDefinition> overrides)
    {
        var merged = new Dictionary<string, ParameterDefinition>(_byName, StringComparer.Ordinal);
        foreach (var d in overrides)
        {
            merged[d.Name] = d;
        }
        return new ParameterCatalog(merged.Values);
    }

    public ParameterSet Defaults() => new(Definitions.ToDictionary(d => d.Name, d => d.Default, StringComparer.Ordinal));

    /// <summary>" Did you mean 'x'?" for the closest known name, or a list of the valid names.</summary>
    public string Suggest(string name) => NameSuggestion.For(name, Names, "parameters");
}
