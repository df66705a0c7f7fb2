using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using SoakPS.Completion;
using SoakPS.Engine;
using SoakPS.Engine.Artifacts;
using SoakPS.Engine.Kpi;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Sources;
using SoakPS.Output;

namespace SoakPS.Commands;

/// <summary>
/// Runs a soak: N iterations from a source, optionally tuning runtime_overrides.json between them through the
/// guards, streaming one SoakIteration per completed iteration.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "SoakRun", DefaultParameterSetName = MockSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SoakIteration))]
public sealed class StartSoakRunCommand : SoakCmdlet
{
    private const string MockSet = "Mock";
    private const string ReplaySet = "Replay";
    private const string ResumeSet = "Resume";
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Use the deterministic mock generator (SPEC §5.1).</summary>
    [Parameter(ParameterSetName = MockSet, Mandatory = true)]
    public SwitchParameter Mock { get; set; }

    /// <summary>Replay recorded edge reports (EDGE_REPORT_n.json or n.json) from a folder.</summary>
    [Parameter(ParameterSetName = ReplaySet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? Replay { get; set; }

    /// <summary>Continue the interrupted run in latest/ after its last completed iteration.</summary>
    [Parameter(ParameterSetName = ResumeSet, Mandatory = true)]
    public SwitchParameter Resume { get; set; }

    /// <summary>How many iterations the run has.</summary>
    [Parameter(ParameterSetName = MockSet, Mandatory = true)]
    [Parameter(ParameterSetName = ReplaySet, Mandatory = true)]
    [ValidateRange(1, 10_000_000)]
    public int Iterations { get; set; }

    /// <summary>Seed of the mock generator; the same seed gives identical reports. Default 42.</summary>
    [Parameter(ParameterSetName = MockSet)]
    public int Seed { get; set; } = 42;

    /// <summary>Tune runtime_overrides.json between iterations (through every guard).</summary>
    [Parameter(ParameterSetName = MockSet)]
    [Parameter(ParameterSetName = ReplaySet)]
    public SwitchParameter AutoTune { get; set; }

    /// <summary>The parameter profile the run starts from.</summary>
    [Parameter(ParameterSetName = MockSet)]
    [Parameter(ParameterSetName = ReplaySet)]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Profile { get; set; }

    /// <summary>Explicit parameter values, highest precedence, e.g. @{ min_interval_ms = 75 }.</summary>
    [Parameter(ParameterSetName = MockSet)]
    [Parameter(ParameterSetName = ReplaySet)]
    public Hashtable? Set { get; set; }

    /// <summary>Seconds to wait between iterations; default $env:SOAK_SLEEP_SECONDS, else 0 for mock and replay.</summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double IntervalSeconds { get; set; } = -1;

    /// <summary>Market time one iteration covers, which advances the run's clock for the velocity guard. Default 5.</summary>
    [Parameter(ParameterSetName = MockSet)]
    [Parameter(ParameterSetName = ReplaySet)]
    [ValidateRange(0.01, 1440.0)]
    public double IterationMinutes { get; set; } = 5;

    /// <summary>End with a terminating error when the run verdict is FAIL, so a CI step fails.</summary>
    [Parameter]
    public SwitchParameter FailOnKpi { get; set; }

    protected override void EndProcessing()
    {
        var layout = ResolveLayout();
        var request = new RunRequest
        {
            SourceName = ParameterSetName switch { ReplaySet => ReplaySource.SourceName, _ => MockSource.SourceName },
            Iterations = Iterations,
            Seed = ParameterSetName == MockSet ? Seed : null,
            SourceOptions = Replay is null ? new Dictionary<string, string>()
                : new Dictionary<string, string> { [ReplaySource.FolderOption] = GetUnresolvedProviderPathFromPSPath(Replay) },
            AutoTune = AutoTune,
            ProfileName = Profile,
            Explicit = ExplicitValues.From(Set),
            IntervalSeconds = IntervalSeconds >= 0 ? IntervalSeconds : null,
            IterationMinutes = IterationMinutes,
            Resume = Resume,
        };
        var what = Resume ? $"Resume the interrupted soak run in '{layout.Latest}'"
            : $"Start a {Iterations}-iteration {request.SourceName} soak run{(AutoTune ? " with auto-tune writing runtime_overrides.json" : string.Empty)}";
        if (!ShouldProcess(layout.Root, what))
        {
            return;
        }

        SoakRunOptions options;
        try
        {
            options = RunPlanner.Plan(layout, request, WriteVerbose);
        }
        catch (SoakException e)
        {
            ThrowTerminating(e);
            return;
        }

        RunManifest? finished = null;
        var progress = new ProgressThrottle(ProgressInterval);
        using (options.Source)
        {
            try
            {
                foreach (var runEvent in SoakRunner.Execute(layout, options, StopToken))
                {
                    switch (runEvent)
                    {
                        case IterationCompleted completed:
                            WriteObject(SoakIteration.From(completed.Summary, layout.Root));
                            break;
                        case RunWarning warning:
                            WriteWarning(warning.Message);
                            break;
                        case RunVerbose verbose:
                            WriteVerbose(verbose.Message);
                            break;
                        case RunProgress p when progress.Due(p.Completed == p.Total):
                            WriteProgress(ProgressRecordOf(p));
                            break;
                        case RunFinished end:
                            finished = end.Run;
                            break;
                    }
                }
            }
            catch (SoakException e)
            {
                ThrowTerminating(e);
            }
        }

        WriteProgress(new ProgressRecord(ProgressActivityId, "Soak run", "Done") { RecordType = ProgressRecordType.Completed });
        if (finished is null)
        {
            // Neither completed nor stopped by Ctrl+C: SIGTERM/SIGHUP stopped it and the process is about to end, so the script must not go on.
            if (!StopToken.IsCancellationRequested) throw new PipelineStoppedException();
            return;
        }
        WriteVerbose($"Run {finished.RunId} {finished.Status}: {finished.IterationsCompleted} iterations, verdict {finished.Verdict ?? "none"}.");
        if (FailOnKpi && finished.Verdict == nameof(Verdict.FAIL))
        {
            ThrowTerminatingError(ErrorRecords.Create("KpiGateFailed", ErrorCategory.InvalidResult,
                $"Run {finished.RunId} ended with KPI verdict FAIL over its last iterations (see Get-SoakIteration -RunId {finished.RunId}).", finished.RunId));
        }
    }

    private const int ProgressActivityId = 0x50AC;

    private static ProgressRecord ProgressRecordOf(RunProgress p) => new(ProgressActivityId, $"Soak run {p.RunId}",
        $"Iteration {p.Completed} of {p.Total}" + (p.LastVerdict is { } v ? $", last verdict {v}" : string.Empty))
    {
        PercentComplete = (int)(100L * p.Completed / Math.Max(1, p.Total)),
        SecondsRemaining = p.Remaining is { } r ? (int)Math.Ceiling(r.TotalSeconds) : -1,
    };

    /// <summary>At most one progress record per interval, and always the last one.</summary>
    private sealed class ProgressThrottle
    {
        private readonly TimeSpan _interval;
        private readonly Stopwatch _watch = new();

        public ProgressThrottle(TimeSpan interval) => _interval = interval;

        public bool Due(bool last)
        {
            if (!last && _watch.IsRunning && _watch.Elapsed < _interval)
            {
                return false;
            }
            _watch.Restart();
            return true;
        }
    }
}
