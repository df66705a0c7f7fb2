using System.Globalization;
using SoakPS.Engine.Canary;
using SoakPS.Engine.Files;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Sources;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Planning;

/// <summary>
/// Turns a request into run options: picks the source, resolves the starting overrides (defaults &lt; profile, or
/// the live file when no profile is named &lt; environment &lt; explicit) and the policy, or, for -Resume,
/// reads all of it back from run.json so nothing else is needed.
/// </summary>
internal static class RunPlanner
{
    public const string SleepEnvironmentVariable = "SOAK_SLEEP_SECONDS";
    public const string OverridesEnvironmentVariable = "MM_RUNTIME_OVERRIDES_JSON";

    public static SoakRunOptions Plan(ArtifactLayout layout, RunRequest request, Action<string> verbose)
    {
        return request.Resume ? PlanResume(layout, request, verbose) : PlanNew(layout, request, verbose);
    }

    private static SoakRunOptions PlanNew(ArtifactLayout layout, RunRequest request, Action<string> verbose)
    {
        RunBounds.Check(request.Iterations, request.IterationMinutes ?? 5, request.Clock.GetUtcNow());
        if (request.MaxFailedIterations < 1)
        {
            throw new SoakException("InvalidMaxFailedIterations", SoakErrorKind.InvalidArgument,
                $"The number of failed iterations in a row that stops a run must be at least 1, not {request.MaxFailedIterations}.", request.MaxFailedIterations);
        }
        var profiles = new ProfileStore(layout);
        var resolved = ResolveStart(layout, profiles, request, verbose);
        if (request.TunerName is not null && !request.AutoTune)
        {
            throw new SoakException("TunerWithoutAutoTune", SoakErrorKind.InvalidArgument,
                $"The {request.TunerName} tuner was chosen for a run without auto-tune: turn auto-tune on, or choose no tuner.", request.TunerName);
        }
        var tuner = Tuners.For(request.TunerName ?? resolved.Policy.Tuner.Name);
        var source = SourceRegistry.Create(request.SourceName, new SourceSettings(request.Seed, request.SourceOptions) { Market = resolved.Policy.Simulator });
        try
        {
            return new SoakRunOptions
            {
                Source = source,
                Iterations = request.Iterations,
                AutoTune = request.AutoTune,
                Tuner = tuner,
                InitialOverrides = resolved.Values,
                ProfileName = resolved.Profile?.Name,
                Catalog = resolved.Catalog,
                Policy = resolved.Policy,
                ProfileValues = name => new ParameterResolver(profiles).Resolve(name, null, null).Values,
                Interval = Interval(request, source),
                IterationWindow = TimeSpan.FromMinutes(request.IterationMinutes ?? 5),
                Seed = source.Settings.Seed,
                SourceOptions = source.Settings.Options,
                MaxFailedIterations = request.MaxFailedIterations,
                Clock = request.Clock,
                Observers = CanaryReportObserver.For(source),
            };
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private static SoakRunOptions PlanResume(ArtifactLayout layout, RunRequest request, Action<string> verbose)
    {
        if (!layout.LatestRun.Exists)
        {
            throw new SoakException("NothingToResume", SoakErrorKind.ObjectNotFound, $"There is no run to resume in '{layout.Latest}'.", layout.Latest);
        }
        var manifest = RunManifest.Read(layout.LatestRun);
        if (request.Iterations > 0 && request.Iterations != manifest.IterationsPlanned)
        {
            throw new SoakException("ResumeIterationsDiffer", SoakErrorKind.InvalidArgument,
                $"Run {manifest.RunId} was started with {manifest.IterationsPlanned} iterations and resumes with exactly those, not {request.Iterations}; start a new run for another number.",
                request.Iterations);
        }
        var profiles = new ProfileStore(layout);
        var profile = manifest.Profile is null ? null : new ParameterResolver(profiles).Resolve(manifest.Profile, null, null);
        RunManifestCheck.Validate(manifest, layout.LatestRun.RunManifest, profile?.Catalog ?? profiles.Catalog);
        verbose($"Resuming run {manifest.RunId}: source {manifest.Source}, seed {manifest.Seed?.ToString(CultureInfo.InvariantCulture) ?? "none"}, profile {manifest.Profile ?? "(none)"}, {manifest.IterationsCompleted} of {manifest.IterationsPlanned} iterations done.");
        var policy = profile?.Policy ?? SoakPolicy.Default;
        var source = SourceRegistry.Create(manifest.Source, new SourceSettings(manifest.Seed, manifest.SourceOptions) { Market = policy.Simulator });
        return new SoakRunOptions
        {
            Source = source,
            Iterations = manifest.IterationsPlanned,
            AutoTune = manifest.AutoTune,
            Tuner = Tuners.For(manifest.Tuner ?? RulesTuner.TunerName),
            InitialOverrides = new ParameterSet(manifest.InitialOverrides),
            ProfileName = manifest.Profile,
            Catalog = profile?.Catalog ?? ParameterCatalog.Default,
            Policy = policy,
            ProfileValues = name => new ParameterResolver(profiles).Resolve(name, null, null).Values,
            Interval = request.IntervalSeconds is { } s ? TimeSpan.FromSeconds(s) : TimeSpan.FromSeconds(manifest.IntervalSeconds),
            IterationWindow = TimeSpan.FromMinutes(manifest.IterationMinutes),
            Seed = manifest.Seed,
            SourceOptions = manifest.SourceOptions,
            MaxFailedIterations = manifest.MaxFailedIterations,
            Clock = request.Clock,
            Observers = CanaryReportObserver.For(source),
            Resume = true,
        };
    }

    /// <summary>Defaults &lt; profile (or the valid live file when no profile is named) &lt; environment &lt; explicit.</summary>
    private static ResolvedParameters ResolveStart(ArtifactLayout layout, ProfileStore profiles, RunRequest request, Action<string> verbose)
    {
        var environment = request.Environment(OverridesEnvironmentVariable);
        var resolver = new ParameterResolver(profiles);
        var resolved = resolver.Resolve(request.ProfileName, request.Explicit, string.IsNullOrWhiteSpace(environment) ? null : environment);
        if (request.ProfileName is null && new OverridesFile(layout).Read(resolved.Catalog).Values is { } live)
        {
            var merged = resolved.Values.With(resolved.Details.Where(d => d.Source == ParameterSource.Default && live.TryGet(d.Name, out _))
                .Select(d => KeyValuePair.Create(d.Name, live[d.Name])));
            verbose($"No profile named: starting from the current runtime_overrides.json ({merged}).");
            return resolved with { Values = merged };
        }
        var chosen = resolved.Details.Where(d => d.Source != ParameterSource.Default).Select(d => $"{d.Name} from {d.SourceDetail}").ToList();
        verbose($"Starting overrides: {resolved.Values} ({(chosen.Count == 0 ? "all defaults" : string.Join(", ", chosen))}).");
        return resolved;
    }

    private static TimeSpan Interval(RunRequest request, IEdgeReportSource source)
    {
        if (request.IntervalSeconds is { } explicitSeconds)
        {
            return Seconds(explicitSeconds, "The interval between iterations");
        }
        var env = request.Environment(SleepEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
        {
            if (!double.TryParse(env, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                throw new SoakException("InvalidSleepSeconds", SoakErrorKind.InvalidArgument, $"{SleepEnvironmentVariable}='{env}' is not a number of seconds.", env);
            }
            return Seconds(parsed, SleepEnvironmentVariable);
        }
        return source.DefaultInterval;
    }

    private static TimeSpan Seconds(double seconds, string what) =>
        double.IsFinite(seconds) && seconds >= 0 && seconds <= TimeSpan.FromDays(1).TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new SoakException("InvalidSleepSeconds", SoakErrorKind.InvalidArgument, $"{what} must be between 0 and 86400 seconds, not {seconds}.", seconds);
}
