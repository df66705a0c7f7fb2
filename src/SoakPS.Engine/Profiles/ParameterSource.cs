using SoakPS.Engine.Parameters;

namespace SoakPS.Engine.Profiles;

/// <summary>Where a resolved parameter value came from, in precedence order (later wins).</summary>
/// <remarks>Public: the type of SoakParameterValue.Source, which users filter and sort by.</remarks>
public enum ParameterSource
{
    Default,
    Profile,
    Environment,
    Explicit,
}

/// <summary>One resolved value and its provenance, e.g. min_interval_ms = 77 from Environment (MM_RUNTIME_OVERRIDES_JSON).</summary>
internal sealed record ResolvedParameter(string Name, decimal Value, string Unit, ParameterSource Source, string SourceDetail);

/// <summary>The outcome of resolution: the flat values to write, every value's source, and the policy in force.</summary>
internal sealed record ResolvedParameters(
    ParameterSet Values,
    IReadOnlyList<ResolvedParameter> Details,
    Profile? Profile,
    ParameterCatalog Catalog,
    Profiles.SoakPolicy Policy);
