using System.Management.Automation;
using SoakPS.Completion;
using SoakPS.Engine;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Studies;
using SoakPS.Output;

namespace SoakPS.Commands;

/// <summary>
/// A tuning study on the simulator: S seeds × {each profile fixed, auto-tuned from each}, in parallel, one row per
/// (seed, arm) as it finishes, then one summary per arm. Runs go to a temporary root removed at the end unless kept.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "SoakStudy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(SoakStudyRun), typeof(SoakStudySummary))]
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

    /// <summary>How many runs at once. Default: the number of processors.</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    /// <summary>Keep the runs' artifacts (in the temporary root, whose path is written to the verbose stream).</summary>
    [Parameter]
    public SwitchParameter KeepArtifacts { get; set; }

    protected override void EndProcessing()
    {
        var keep = KeepArtifacts || ArtifactPath is not null;
        var userLayout = ResolveLayout();
        var root = ArtifactPath is not null ? userLayout.Root : Path.Combine(Path.GetTempPath(), "soakps-study-" + Guid.NewGuid().ToString("N"));
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
                Temporary = !keep,
            };
        }
        catch (SoakException e)
        {
            ThrowTerminating(e);
            return;
        }
        var runs = Seeds * options.Profiles.Count * 2;
        if (!ShouldProcess(root, $"Simulate {runs} runs of {Iterations} iterations ({Seeds} seeds × {options.Profiles.Count * 2} arms){(keep ? string.Empty : " in a temporary folder removed afterwards")}"))
        {
            return;
        }
        WriteVerbose($"Study root: {root} ({(keep ? "kept" : "removed at the end")}); {ThrottleLimit} runs at once.");
        var results = new List<StudyRun>();
        string? removalWarning = null;
        try
        {
            foreach (var run in StudyRunner.Execute(options, StopToken, warning => removalWarning = warning))
            {
                results.Add(run);
                WriteObject(new SoakStudyRun(run));
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
        foreach (var summary in StudySummary.Of(results))
        {
            WriteObject(new SoakStudySummary(summary));
        }
    }
}
