using System.Text.Json;
using SoakPS.Engine.Files;
using SoakPS.Engine.Guards;
using SoakPS.Engine.Parameters;

namespace SoakPS.Engine.Profiles;

/// <summary>A profile's policy.guards: the guard thresholds, a panic target that is a profile name, limits and frozen parameters that name known parameters.</summary>
internal static class GuardPolicyFile
{
    public static GuardPolicy Read(JsonElement element, string path, ParameterCatalog catalog)
    {
        var guards = PolicySectionJson.ReadRecord<GuardPolicy>(element, path, "policy.guards");
        if (guards.PanicTarget != "last_good" && !SafeName.IsValid(guards.PanicTarget))
        {
            throw PolicySectionJson.Invalid(path, "policy.guards.panic_target", "must be a profile name or \"last_good\"");
        }
        if (element.TryGetProperty("velocity_limits", out _))
        {
            // A partial map adds to the defaults instead of silently dropping the other parameters' limits.
            var merged = new Dictionary<string, decimal>(new GuardPolicy().VelocityLimits, StringComparer.Ordinal);
            foreach (var (name, limit) in guards.VelocityLimits)
            {
                if (!catalog.TryGet(name, out _))
                {
                    throw new SoakException("UnknownParameter", SoakErrorKind.InvalidData,
                        $"{path}: policy.guards.velocity_limits names unknown parameter '{name}'.{catalog.Suggest(name)}", name);
                }
                if (limit <= 0 || limit > 1_000_000) throw PolicySectionJson.Invalid(path, $"policy.guards.velocity_limits.{name}", "must be positive and at most 1000000");
                merged[name] = limit;
            }
            guards = guards with { VelocityLimits = merged };
        }
        foreach (var name in guards.FreezeParameters)
        {
            if (!catalog.TryGet(name, out _))
            {
                throw new SoakException("UnknownParameter", SoakErrorKind.InvalidData,
                    $"{path}: policy.guards.freeze_parameters names unknown parameter '{name}'.{catalog.Suggest(name)}", name);
            }
        }
        return guards;
    }
}
