using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;

namespace SoakPS.Output;

/// <summary>One resolved parameter with where its value came from (Set-SoakProfile -PassThru, Get-SoakProfile -Resolved).</summary>
public sealed class SoakParameterValue
{
    internal SoakParameterValue(ResolvedParameter resolved, ParameterDefinition definition, string? profile)
    {
        Name = resolved.Name;
        Value = resolved.Value;
        Unit = resolved.Unit;
        Source = resolved.Source;
        SourceDetail = resolved.SourceDetail;
        Min = definition.Min;
        Max = definition.Max;
        Profile = profile;
    }

    public string Name { get; }
    public decimal Value { get; }
    public string Unit { get; }
    public ParameterSource Source { get; }
    public string SourceDetail { get; }
    public decimal Min { get; }
    public decimal Max { get; }
    public string? Profile { get; }

    internal static IEnumerable<SoakParameterValue> From(ResolvedParameters resolved) =>
        resolved.Details.Select(d => new SoakParameterValue(d, resolved.Catalog[d.Name], resolved.Profile?.Name));
}
