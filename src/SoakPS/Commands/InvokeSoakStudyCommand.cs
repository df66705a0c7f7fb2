using System.Management.Automation;
using SoakPS.Completion;
using SoakPS.Engine;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Studies;
using SoakPS.Engine.Tuning;
using SoakPS.Output;

namespace SoakPS.Commands;

/// <summary>
/// A tuning study on the simulator: S seeds × {each profile fixed, tuned from each by each tuner}, in parallel, one row per
/// (seed, arm) as it finishes, then one summary per arm, its verdict shares per regime, and every pair of arms
/// compared seed by seed. Runs go to a temporary root removed at the end unless kept.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "SoakStudy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(SoakStudyRun), typeof(SoakStudySummary), typeof(SoakStudyRegime), typeof(SoakStudyComparison))]
public sealed class InvokeSoakStudyCommand : SoakCmdlet
{
    /// <summary>How many seeds (S): seeds FirstSeed .. FirstSeed + S − 1.</summary>
    [Parameter(Position = 0)]
    [ValidateRange(1, 100_000)]
    public int Seeds { get; set; } = 8;

    /// <summary>The first seed.</summary>
    [Parameter]
    public int FirstSeed { get; set; } = 1;

    /// <summary>Iterations per run. Default 96 (24 h of 15-minute windows).</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    public int Iterations { get; set; } = 96;

    /// <summary>Market time per iteration. Default 15.</summary>
    [Parameter]
    [ValidateRange(0.01, 1440.0)]
    public double IterationMinutes { get; set; } = 15;

    /// <summary>The profiles the arms start from. Default: every built-in profile.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Profile { get; set; }

    /// <summary>A profile whose policy.simulator is the market every arm meets (e.g. one with more spikes). Default: the default market.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Market { get; set; }

    /// <summary>The tuners each profile is tuned by, one arm each beside the profile held fixed. Default: regime and rules.</summary>
    [Parameter]
    [ValidateSet(RegimeTuner.TunerName, RulesTuner.TunerName)]
    [ValidateNotNullOrEmpty]
    public string[]? Tuner { get; set; }

    /// <summary>How many runs at once. Default: the number of processors.</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    /// <summary>Which results to write: All (default), or one kind (Runs, Arms, Regimes, Pairs) for one table.</summary>
    [Parameter]
    public SoakStudyResult Result { get; set; } = SoakStudyResult.All;

    /// <summary>Keep the runs' artifacts (in the temporary root, whose path is written to the verbose stream).</summary>
    [Parameter]
    public SwitchParameter KeepArtifacts { get; set; }

    protected override void EndProcessing()
    {
        var keep = KeepArtifacts || ArtifactPath is not null;
        var userLayout = ResolveLayout();
        var root = ArtifactPath is not null ? userLayout.Root : null;
        StudyOptions options;
        try
        {
            var resolver = new ParameterResolver(new ProfileStore(userLayout));
            var names = Profile ?? BuiltInProfiles.All.Select(p => p.Name).ToArray();
            options = new StudyOptions
            {
                Seeds = StudyOptions.SeedRange(FirstSeed, Seeds),
                Profiles = names.Select(n => resolver.Resolve(n)).ToList(),
                ProfileValues = name => resolver.Resolve(name).Values,
                Iterations = Iterations,
                IterationMinutes = IterationMinutes,
                Parallelism = ThrottleLimit,
                Root = root,
                ThrowawayRuns = !keep,
                Tuners = (Tuner ?? Tuners.Names.ToArray()).Distinct(StringComparer.Ordinal).ToArray(),
                Market = Market is null ? Engine.Sources.Simulation.MarketModel.Default : resolver.Resolve(Market).Policy.Simulator,
            };
        }
        catch (SoakException e)
        {
            ThrowTerminating(e);
            return;
        }
        var armCount = options.Arms().Count();
        var runs = Seeds * armCount;
        if (!ShouldProcess(root ?? "a temporary folder", $"Simulate {runs} runs of {Iterations} iterations ({Seeds} seeds × {armCount} arms){(keep ? string.Empty : " in a temporary folder removed afterwards")}"))
        {
            return;
        }
        var results = new List<StudyRun>();
        string? removalWarning = null;
        try
        {
            var study = StudyRunner.Execute(options, StopToken,
                chosen => WriteVerbose($"Study root: {root = chosen} ({(keep ? "kept" : "removed at the end")}{(options.ThrowawayRuns ? "; each run removed once measured, its writes not forced to disk" : string.Empty)}); {ThrottleLimit} runs at once."),
                warning => removalWarning = warning);
            foreach (var run in study)
            {
                results.Add(run);
                if (Writes(SoakStudyResult.Runs)) WriteObject(new SoakStudyRun(run));
                WriteProgress(new ProgressRecord(0x57D1, "Soak study", $"{results.Count} of {runs} runs") { PercentComplete = 100 * results.Count / runs });
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (SoakException e)
        {
            ThrowTerminating(e);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is SoakException or IOException or UnauthorizedAccessException))
        {
            ThrowTerminatingError(ErrorRecords.Create("StudyRunFailed", ErrorCategory.WriteError,
                $"A run of the study failed: {e.InnerExceptions[0].Message}", root));
        }
        WriteProgress(new ProgressRecord(0x57D1, "Soak study", "Done") { RecordType = ProgressRecordType.Completed });
        if (removalWarning is not null) WriteWarning(removalWarning);
        var arms = StudySummary.Of(results);
        if (Writes(SoakStudyResult.Arms))
        {
            foreach (var summary in arms) WriteObject(new SoakStudySummary(summary));
        }
        if (Writes(SoakStudyResult.Regimes))
        {
            foreach (var regime in arms.SelectMany(SoakStudyRegime.Of)) WriteObject(regime);
        }
        if (Writes(SoakStudyResult.Pairs))
        {
            foreach (var comparison in StudyComparison.Of(arms, results)) WriteObject(new SoakStudyComparison(comparison));
        }
    }

    private bool Writes(SoakStudyResult kind) => Result == SoakStudyResult.All || Result == kind;
}
