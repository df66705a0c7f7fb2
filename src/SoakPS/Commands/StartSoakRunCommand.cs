using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using SoakPS.Completion;
using SoakPS.Engine;
using SoakPS.Engine.Files;
using SoakPS.Engine.History;
using SoakPS.Engine.Kpi;
using SoakPS.Engine.Observability;
using SoakPS.Engine.Planning;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Sources;
using SoakPS.Engine.Tuning;
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
    private const string SimulateSet = "Simulate";
    private const string ResumeSet = "Resume";
    private const string CommandSet = "Command";
    private const string ReportPathSet = "ReportPath";
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>What PowerShell's prompt for the missing source shows after "!?".</summary>
    private const string SourceHelp = "Name a source: -Mock, -Simulate, -Replay <folder>, -Command <bot> or -ReportPath <file> (or -Resume to continue a run). Type $true here for the mock generator.";

    /// <summary>Use the deterministic mock generator (docs/sources.md).</summary>
    [Parameter(ParameterSetName = MockSet, Mandatory = true, HelpMessage = SourceHelp)]
    public SwitchParameter Mock { get; set; }

    /// <summary>Use the closed-loop market simulator (docs/simulator.md): the parameters change the outcome through market mechanics.</summary>
    [Parameter(ParameterSetName = SimulateSet, Mandatory = true)]
    public SwitchParameter Simulate { get; set; }

    /// <summary>Replay recorded edge reports (EDGE_REPORT_n.json or n.json) from a folder.</summary>
    [Parameter(ParameterSetName = ReplaySet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? Replay { get; set; }

    /// <summary>A real bot started once per iteration (an executable, found on PATH when a bare name): docs/sources.md.</summary>
    [Parameter(ParameterSetName = CommandSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? Command { get; set; }

    /// <summary>The bot's arguments, passed to it one by one, never through a shell.</summary>
    [Parameter(ParameterSetName = CommandSet)]
    [AllowEmptyString]
    public string[] ArgumentList { get; set; } = Array.Empty<string>();

    /// <summary>The bot's working directory; default the current location.</summary>
    [Parameter(ParameterSetName = CommandSet)]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    /// <summary>Seconds a bot iteration may take before its whole process tree is killed and the iteration fails. Default 3600.</summary>
    [Parameter(ParameterSetName = CommandSet)]
    [ValidateRange(0.1, 604800.0)]
    public double IterationTimeoutSeconds { get; set; } = 3600;

    /// <summary>The report file a long-running bot rewrites every window (it reloads runtime_overrides.json itself).</summary>
    [Parameter(ParameterSetName = ReportPathSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? ReportPath { get; set; }

    /// <summary>The bot's window in seconds: how long an iteration waits for a new report (plus -GraceSeconds).</summary>
    [Parameter(ParameterSetName = ReportPathSet, Mandatory = true)]
    [ValidateRange(0.1, 86400.0)]
    public double IterationSeconds { get; set; }

    /// <summary>Extra seconds to wait for a late report after the window. Default 30.</summary>
    [Parameter(ParameterSetName = ReportPathSet)]
    [ValidateRange(0.0, 86400.0)]
    public double GraceSeconds { get; set; } = 30;

    /// <summary>Failed iterations in a row (no usable report from the source) after which the run stops as failed. Default 3.</summary>
    [Parameter(ParameterSetName = CommandSet)]
    [Parameter(ParameterSetName = ReportPathSet)]
    [Parameter(ParameterSetName = ReplaySet)]
    [ValidateRange(1, 1_000_000)]
    public int MaxFailedIterations { get; set; } = SoakRunOptions.DefaultMaxFailedIterations;

    /// <summary>Continue the interrupted run in latest/ after its last completed iteration.</summary>
    [Parameter(ParameterSetName = ResumeSet, Mandatory = true)]
    public SwitchParameter Resume { get; set; }

    /// <summary>How many iterations the run has. With -Resume only the number the run was started with.</summary>
    [Parameter(ParameterSetName = ResumeSet)]
    [Parameter(ParameterSetName = MockSet, Mandatory = true)]
    [Parameter(ParameterSetName = ReplaySet, Mandatory = true)]
    [Parameter(ParameterSetName = SimulateSet, Mandatory = true)]
    [Parameter(ParameterSetName = CommandSet, Mandatory = true)]
    [Parameter(ParameterSetName = ReportPathSet, Mandatory = true)]
    [ValidateRange(1, 10_000_000)]
    public int Iterations { get; set; }

    /// <summary>Seed of the mock generator or the simulator; the same seed gives identical reports. Default 42.</summary>
    [Parameter(ParameterSetName = MockSet)]
    [Parameter(ParameterSetName = SimulateSet)]
    public int Seed { get; set; } = 42;

    /// <summary>Tune runtime_overrides.json between iterations (through every guard).</summary>
    [Parameter(ParameterSetName = MockSet)]
    [Parameter(ParameterSetName = ReplaySet)]
    [Parameter(ParameterSetName = SimulateSet)]
    [Parameter(ParameterSetName = CommandSet)]
    [Parameter(ParameterSetName = ReportPathSet)]
    public SwitchParameter AutoTune { get; set; }

    /// <summary>The tuner of -AutoTune: regime (moves between fitted presets by the last window's class) or rules (the step table). Default: the profile's policy.tuner, else regime.</summary>
    [Parameter(ParameterSetName = MockSet)]
    [Parameter(ParameterSetName = ReplaySet)]
    [Parameter(ParameterSetName = SimulateSet)]
    [Parameter(ParameterSetName = CommandSet)]
    [Parameter(ParameterSetName = ReportPathSet)]
    [ValidateSet(RegimeTuner.TunerName, RulesTuner.TunerName)]
    public string? Tuner { get; set; }

    /// <summary>The parameter profile the run starts from.</summary>
    [Parameter(ParameterSetName = MockSet)]
    [Parameter(ParameterSetName = ReplaySet)]
    [Parameter(ParameterSetName = SimulateSet)]
    [Parameter(ParameterSetName = CommandSet)]
    [Parameter(ParameterSetName = ReportPathSet)]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Profile { get; set; }

    /// <summary>Explicit parameter values, highest precedence, e.g. @{ min_interval_ms = 75 }.</summary>
    [Parameter(ParameterSetName = MockSet)]
    [Parameter(ParameterSetName = ReplaySet)]
    [Parameter(ParameterSetName = SimulateSet)]
    [Parameter(ParameterSetName = CommandSet)]
    [Parameter(ParameterSetName = ReportPathSet)]
    public Hashtable? Set { get; set; }

    /// <summary>Seconds to wait between iterations; default $env:SOAK_SLEEP_SECONDS, else 0 for mock and replay and 300 for a real bot.</summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double IntervalSeconds { get; set; } = -1;

    /// <summary>Market time one iteration covers, which advances the run's clock for the velocity guard. Default 5; 15 with -Simulate.</summary>
    [Parameter(ParameterSetName = MockSet)]
    [Parameter(ParameterSetName = ReplaySet)]
    [Parameter(ParameterSetName = SimulateSet)]
    [ValidateRange(0.01, 1440.0)]
    public double IterationMinutes { get; set; } = 5;

    /// <summary>End with a terminating error when the run verdict is FAIL, so a CI step fails.</summary>
    [Parameter]
    public SwitchParameter FailOnKpi { get; set; }

    /// <summary>Keep Prometheus metrics in this file (atomically replaced after each iteration, at most once a second, and at the end), for node_exporter's textfile collector.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MetricsFile { get; set; }

    /// <summary>Replace a read-only -MetricsFile.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Serve Prometheus metrics on http://127.0.0.1:&lt;port&gt;/metrics during the run; 0 picks a free port.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int? MetricsPort { get; set; }

    /// <summary>Listen on this address instead of 127.0.0.1 (explicitly, e.g. 0.0.0.0 for a Prometheus on another host).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MetricsAddress { get; set; }

    /// <summary>A name for this soak, stable across its runs, put on every metric as the label soak_instance (every metric also carries run_id).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MetricsInstance { get; set; }

    /// <summary>Serve a live dashboard page on the run's loopback server.</summary>
    [Parameter]
    public SwitchParameter Dashboard { get; set; }

    /// <summary>Port of the dashboard (and metrics) server; default the -MetricsPort, else a free port.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int? DashboardPort { get; set; }

    protected override void EndProcessing()
    {
        var layout = ResolveLayout();
        var request = new RunRequest
        {
            SourceName = ParameterSetName switch
            {
                ReplaySet => ReplaySource.SourceName,
                SimulateSet => SimulatorSource.SourceName,
                CommandSet => CommandSource.SourceName,
                ReportPathSet => ReportFileSource.SourceName,
                _ => MockSource.SourceName,
            },
            Iterations = Iterations,
            Seed = ParameterSetName is MockSet or SimulateSet ? Seed : null,
            SourceOptions = SourceOptions(),
            MaxFailedIterations = MaxFailedIterations,
            AutoTune = AutoTune,
            TunerName = Tuner,
            ProfileName = Profile,
            Explicit = ExplicitValues.From(Set),
            IntervalSeconds = IntervalSeconds >= 0 ? IntervalSeconds : null,
            IterationMinutes = ParameterSetName == SimulateSet && !MyInvocation.BoundParameters.ContainsKey(nameof(IterationMinutes))
                ? SimulatorSource.DefaultIterationMinutes
                : IterationMinutes,
            Resume = Resume,
        };
        var what = Resume ? $"Resume the interrupted soak run in '{layout.Latest}'"
            : $"Start a {Iterations}-iteration {request.SourceName} soak run{(Command is null ? string.Empty : $" of the bot '{Command}'")}{(AutoTune ? " with auto-tune writing runtime_overrides.json" : string.Empty)}";
        // Planned before asking, so -WhatIf refuses what the run would refuse (profile, -Set, bot command, source, resume).
        var wanted = ObservabilityWanted();
        SoakRunOptions options;
        try
        {
            if (wanted.Wanted) RunObservability.Check(wanted, layout);
            options = RunPlanner.Plan(layout, request, WriteVerbose);
        }
        catch (SoakException e)
        {
            ThrowTerminating(e);
            return;
        }
        if (!ShouldProcess(layout.Root, what))
        {
            options.Source.Dispose();
            return;
        }

        using var observability = OpenObservability(wanted, layout);
        if (observability is not null)
        {
            options = observability.AttachTo(options);
        }

        RunManifest? finished = null;
        RunProgress? lastProgress = null;
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
                        case RunProgress p:
                            lastProgress = p;
                            if (progress.Due(p.Completed == p.Total)) WriteProgress(ProgressRecordOf(p));
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
            catch (PipelineStoppedException) when (StopToken.IsCancellationRequested)
            {
                // Ctrl+C while an iteration was being written out: the run has been closed as stopped all the same.
                TellHowToResume(lastProgress);
                throw;
            }
        }

        if (finished is null && StopToken.IsCancellationRequested)
        {
            TellHowToResume(lastProgress);
        }
        if (finished is not null && observability is not null && !observability.LetPagesSeeTheEnd(StopToken))
        {
            WriteVerbose($"The dashboard page did not fetch the run's final state within {RunObservability.PageGrace.TotalSeconds:0} s; it shows that it lost the server.");
        }
        WriteProgress(new ProgressRecord(ProgressActivityId, "Soak run", "Done") { RecordType = ProgressRecordType.Completed });
        if (finished is null)
        {
            // Neither completed nor stopped by Ctrl+C: SIGTERM/SIGHUP stopped it and the process is about to end, so the script must not go on.
            if (!StopToken.IsCancellationRequested) throw new PipelineStoppedException();
            return;
        }
        WriteRunSummary(RunConclusion.Of(finished, TuningStateReader.Read(layout).State, layout.Latest));
        if (FailOnKpi && finished.Verdict == nameof(Verdict.FAIL))
        {
            ThrowTerminatingError(ErrorRecords.Create("KpiGateFailed", ErrorCategory.InvalidResult,
                $"Run {finished.RunId} ended with KPI verdict FAIL over its last iterations (see Get-SoakIteration -RunId {finished.RunId}).", finished.RunId));
        }
    }

    /// <summary>
    /// After Ctrl+C, the one line that says what happened and how to go on. The pipeline is stopping, so the Write-
    /// methods are closed: it goes to the host directly.
    /// </summary>
    private void TellHowToResume(RunProgress? last) => Host.UI.WriteWarningLine(last is null
        ? $"The run stopped before its first iteration completed; continue it with: Start-SoakRun -Resume{ArtifactPathArgument()}"
        : $"Run {last.RunId} stopped after iteration {last.Completed} of {last.Total}; continue it with: Start-SoakRun -Resume{ArtifactPathArgument()}");

    /// <summary>" -ArtifactPath '…'" as the user gave it, for a command line they can copy; empty for the default root.</summary>
    private string ArtifactPathArgument() =>
        ArtifactPath is null ? string.Empty : $" -ArtifactPath '{ArtifactPath.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>The metrics file and server asked for; a combination that cannot work ends the cmdlet.</summary>
    private RunObservabilityOptions ObservabilityWanted()
    {
        if (MetricsAddress is not null && MetricsPort is null && !Dashboard)
        {
            ThrowTerminatingError(ErrorRecords.Create("MetricsAddressWithoutServer", ErrorCategory.InvalidArgument,
                "-MetricsAddress needs -MetricsPort or -Dashboard: it says where their server listens.", MetricsAddress));
        }
        if (MetricsInstance is not null && MetricsFile is null && MetricsPort is null && !Dashboard)
        {
            ThrowTerminatingError(ErrorRecords.Create("MetricsInstanceWithoutMetrics", ErrorCategory.InvalidArgument,
                "-MetricsInstance names the metrics of -MetricsFile, -MetricsPort or -Dashboard; add one of them or drop it.", MetricsInstance));
        }
        if (DashboardPort is not null && !Dashboard)
        {
            ThrowTerminatingError(ErrorRecords.Create("DashboardPortWithoutDashboard", ErrorCategory.InvalidArgument, "-DashboardPort needs -Dashboard.", DashboardPort));
        }
        System.Net.IPAddress? address = null;
        try
        {
            address = MetricsAddress is null ? null : ListenAddress.Parse(MetricsAddress);
        }
        catch (SoakException e)
        {
            ThrowTerminating(e);
        }
        return new RunObservabilityOptions
        {
            MetricsFile = MetricsFile is null ? null : GetUnresolvedProviderPathFromPSPath(MetricsFile),
            Force = Force,
            MetricsPort = MetricsPort,
            MetricsInstance = MetricsInstance,
            Dashboard = Dashboard,
            DashboardPort = DashboardPort,
            Address = address ?? System.Net.IPAddress.Loopback,
        };
    }

    /// <summary>The metrics file and server, opened before the run so a port in use stops it before it starts.</summary>
    private RunObservability? OpenObservability(RunObservabilityOptions wanted, ArtifactLayout layout)
    {
        if (!wanted.Wanted)
        {
            return null;
        }
        try
        {
            var opened = RunObservability.Open(wanted, layout, TimeProvider.System);
            if (opened.Server is { } server)
            {
                var message = Dashboard ? $"Dashboard: {server.BaseUrl}  Metrics: {opened.MetricsUrl}" : $"Metrics: {opened.MetricsUrl}";
                WriteInformation(new HostInformationMessage { Message = message }, ServerMessageTags);
                if (ListenAddress.Exposure(server.Endpoint.Address, server.Endpoint.Port, Dashboard) is { } exposure) WriteWarning(exposure);
            }
            return opened;
        }
        catch (SoakException e)
        {
            ThrowTerminating(e);
            return null;
        }
    }

    /// <summary>The tags of the line that names the server: shown by the host, and findable with -InformationVariable.</summary>
    private static readonly string[] ServerMessageTags = { "PSHOST", "SoakPS.Server" };

    /// <summary>The source's own options; paths are resolved against the PowerShell location, not the process's.</summary>
    private IReadOnlyDictionary<string, string> SourceOptions() => ParameterSetName switch
    {
        ReplaySet => new Dictionary<string, string> { [ReplaySource.FolderOption] = GetUnresolvedProviderPathFromPSPath(Replay) },
        CommandSet => CommandSource.Options(BotCommand(Command!), ArgumentList, BotWorkingDirectory(),
            TimeSpan.FromSeconds(IterationTimeoutSeconds)),
        ReportPathSet => ReportFileSource.Options(GetUnresolvedProviderPathFromPSPath(ReportPath),
            TimeSpan.FromSeconds(IterationSeconds), TimeSpan.FromSeconds(GraceSeconds)),
        _ => new Dictionary<string, string>(),
    };

    /// <summary>A command with a directory part is a path from the current location; a bare name is looked up on PATH by the engine.</summary>
    private string BotCommand(string command) =>
        command.Contains('/') || command.Contains('\\') ? GetUnresolvedProviderPathFromPSPath(command) : command;

    private string BotWorkingDirectory() => WorkingDirectory is null
        ? SessionState.Path.CurrentFileSystemLocation.ProviderPath
        : GetUnresolvedProviderPathFromPSPath(WorkingDirectory);

    private const int ProgressActivityId = 0x50AC;

    /// <summary>Tag of the one summary line a run ends with, for scripts that read the information stream.</summary>
    public const string RunSummaryTag = "SoakPS.RunSummary";

    /// <summary>
    /// The run's last word on the information stream. Tagged PSHOST like Write-Host, so a console shows it without
    /// -InformationAction Continue; it never enters the output pipeline (Export-Csv sees only iterations).
    /// </summary>
    private void WriteRunSummary(RunConclusion conclusion) =>
        WriteInformation(new HostInformationMessage { Message = conclusion.ToString() }, ["PSHOST", RunSummaryTag]);

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
