using SoakPS.Engine.Files;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Records;
using SoakPS.Engine.Sources;

namespace SoakPS.Engine.Runs;

/// <summary>
/// Checks a run.json read back for a resume before anything acts on it: a tampered or damaged manifest is refused up
/// front with the field it got wrong, instead of failing later (an unknown source, a TimeSpan overflow) or after
/// iterations ran (a run id that would become a path).
/// </summary>
internal static class RunManifestCheck
{
    public static void Validate(RunManifest manifest, string path, ParameterCatalog catalog)
    {
        if (!SafeName.IsValid(manifest.RunId)) throw Invalid(path, "run_id", $"'{manifest.RunId}' is not a run id (letters, digits, '-', '_', '.')");
        if (!SourceRegistry.Names.Contains(manifest.Source)) throw Invalid(path, "source", $"'{manifest.Source}' is not one of {string.Join(", ", SourceRegistry.Names)}");
        if (manifest.IterationsPlanned is < 1 or > RunBounds.MaxIterations) throw Invalid(path, "iterations_planned", $"{manifest.IterationsPlanned} is outside 1..{RunBounds.MaxIterations}");
        if (manifest.IterationsCompleted < 0 || manifest.IterationsCompleted > manifest.IterationsPlanned)
        {
            throw Invalid(path, "iterations_completed", $"{manifest.IterationsCompleted} is outside 0..{manifest.IterationsPlanned}");
        }
        if (!double.IsFinite(manifest.IntervalSeconds) || manifest.IntervalSeconds < 0 || manifest.IntervalSeconds > TimeSpan.FromDays(1).TotalSeconds)
        {
            throw Invalid(path, "interval_seconds", $"{manifest.IntervalSeconds} is outside 0..86400");
        }
        if (!double.IsFinite(manifest.IterationMinutes) || manifest.IterationMinutes <= 0 || manifest.IterationMinutes > TimeSpan.FromDays(1).TotalMinutes)
        {
            throw Invalid(path, "iteration_minutes", $"{manifest.IterationMinutes} is outside 0..1440");
        }
        try
        {
            RunBounds.Check(manifest.IterationsPlanned, manifest.IterationMinutes, manifest.StartedUtc);
        }
        catch (SoakException e)
        {
            throw Invalid(path, "iterations_planned", e.Message);
        }
        if (manifest.MaxFailedIterations < 1) throw Invalid(path, "max_failed_iterations", $"{manifest.MaxFailedIterations} is less than 1");
        try
        {
            OverridesFile.Validate(new ParameterSet(manifest.InitialOverrides), catalog, "initial_overrides");
        }
        catch (SoakException e)
        {
            throw Invalid(path, "initial_overrides", e.Message);
        }
    }

    private static SoakException Invalid(string path, string field, string reason) =>
        new("InvalidRunManifest", SoakErrorKind.InvalidData, $"'{path}' cannot be resumed: {field}: {reason}.", path);
}
