using SoakPS.Engine.Files;
using SoakPS.Engine.Json;
using SoakPS.Engine.Profiles;

namespace SoakPS.Engine.Journal;

/// <summary>
/// Activates a profile: resolves defaults &lt; profile &lt; the environment's overrides &lt; explicit values and, once
/// allowed, replaces runtime_overrides.json with the result through the gateway (journal first). A run active on the
/// root takes the new values from its next iteration.
/// </summary>
internal static class ProfileActivation
{
    /// <summary>The values now in force, or null when <paramref name="mayWrite"/> said no (nothing is written then).</summary>
    /// <param name="environmentJson">What the overrides environment variable holds (<see cref="ParameterResolver.EnvironmentVariable"/>), if anything.</param>
    /// <param name="mayWrite">Asked once, with the live file's path and what would be written, before anything is.</param>
    public static ResolvedParameters? Activate(ArtifactLayout layout, string name, IDictionary<string, object?>? explicitValues, string? environmentJson,
        Func<string, string, bool> mayWrite, Action<string> verbose, Action<string> warn, TimeProvider clock, CancellationToken cancellationToken)
    {
        verbose($"Resolving profile '{name}' under '{layout.Root}'" +
            (string.IsNullOrEmpty(environmentJson) ? "." : $" with {ParameterResolver.EnvironmentVariable}={environmentJson}."));
        var resolved = new ParameterResolver(new ProfileStore(layout)).Resolve(name, explicitValues, environmentJson);
        foreach (var detail in resolved.Details)
        {
            verbose($"{detail.Name} = {JsonNumbers.Format(detail.Value)} from {detail.Source} ({detail.SourceDetail})");
        }
        if (!mayWrite(new OverridesFile(layout).Path, $"Write profile '{name}': {resolved.Values}"))
        {
            return null;
        }
        if (RunLock.ActiveHolder(layout) is { } holder)
        {
            warn($"A run is active on '{layout.Root}' ({holder}); it will apply these parameters from its next iteration.");
        }
        new OverridesGateway(layout, resolved.Catalog).ReplaceByOperator(resolved.Values, $"profile {name} activated", clock.GetUtcNow(), cancellationToken);
        return resolved;
    }
}
