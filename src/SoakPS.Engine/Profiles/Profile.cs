
using SoakPS.Engine.Parameters;

namespace SoakPS.Engine.Profiles;

/// <summary>A named parameter profile: built-in (compiled in, immutable) or a user file in profiles/.</summary>
internal sealed record Profile(
    string Name,
    string Description,
    IReadOnlyDictionary<string, decimal> Parameters,
    bool IsBuiltIn,
    string? Path = null,
    SoakPolicy? Policy = null,
    IReadOnlyList<ParameterDefinition>? ExtraDefinitions = null);
