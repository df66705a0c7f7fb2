using SoakPS.Engine.Files;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Runs;

/// <summary>
/// The files of the run being executed and what the loop carries between iterations: the lock, run.json, the
/// journal, the guard state and the overrides the run last wrote. Starting moves a previous latest/ to runs/.
/// </summary>
internal sealed class RunSession : IDisposable
{
    private RunLock? _lock;
    private IDisposable? _journalHeld;

    /// <summary>The root, latest/, the journal and the lock as the run found them; checked before the run writes again.</summary>
    public ArtifactRootWatch? RootWatch { get; private set; }

    private RunSession(ArtifactLayout layout, RunManifest manifest, RunLock runLock, TuningState state, ParameterSet overrides, int nextIteration)
    {
        Layout = layout;
        Manifest = manifest;
        _lock = runLock;
        State = state;
        Overrides = overrides;
        NextIteration = nextIteration;
        Journal = new JournalFile(layout.LatestRun.Journal);
    }

    public ArtifactLayout Layout { get; }
    public RunFolder Folder => Layout.LatestRun;
    public RunManifest Manifest { get; }
    public JournalFile Journal { get; }
    public TuningState State { get; set; }

    /// <summary>The overrides this run last wrote or adopted: what runtime_overrides.json must hold.</summary>
    public ParameterSet Overrides { get; set; }

    public int NextIteration { get; }

    /// <summary>A decision journalled for <see cref="NextIteration"/> before an interruption: it is finished, never decided again.</summary>
    public JournalEntry? PendingDecision { get; private set; }

    public DecisionApplier Applier { get; private set; } = null!;

    /// <summary>TUNING_REPORT.json as it is being written: each journalled decision is added as the run goes.</summary>
    public TuningReportFile Report { get; private set; } = null!;

    /// <summary>The most recent verdicts, as many as the run verdict looks at (it never needs older ones).</summary>
    public List<Records.Verdict> Verdicts { get; } = new();
    public int ConsecutiveSourceFailures { get; set; }

    /// <summary>Why the source failed in the last iteration, for the error that stops the run.</summary>
    public string? LastSourceFailure { get; set; }

    public static RunSession Start(ArtifactLayout layout, SoakRunOptions options, Action<string> warn)
    {
        var clock = options.Clock;
        var now = clock.GetUtcNow();
        var runId = $"{now:yyyyMMddTHHmmssZ}-{Guid.NewGuid().ToString("N")[..6]}";
        var runLock = RunLock.Acquire(layout, runId, clock, stale => warn($"Took over a stale lock left by {stale}."));
        try
        {
            ArchivePreviousRun(layout, now);
            Directory.CreateDirectory(layout.Latest);
            var manifest = new RunManifest
            {
                RunId = runId,
                StartedUtc = now,
                Status = RunStatus.Running,
                Profile = options.ProfileName,
                Source = options.Source.Name,
                Seed = options.Seed,
                IterationsPlanned = options.Iterations,
                AutoTune = options.AutoTune,
                Tuner = options.AutoTune ? options.Tuner.Name : null,
                IntervalSeconds = options.Interval.TotalSeconds,
                IterationMinutes = options.IterationWindow.TotalMinutes,
                InitialOverrides = new SortedDictionary<string, decimal>(options.InitialOverrides.Values.ToDictionary(), StringComparer.Ordinal),
                SourceOptions = new SortedDictionary<string, string>(options.SourceOptions.ToDictionary(), StringComparer.Ordinal),
                MaxFailedIterations = options.MaxFailedIterations,
            };
            var session = new RunSession(layout, manifest, runLock, new TuningState { RunId = runId }, options.InitialOverrides, 1);
            session.Applier = new DecisionApplier(layout, session.Journal, options.Catalog, Array.Empty<JournalEntry>());
            session.SaveManifest();
            using (var access = new OverridesGateway(layout, options.Catalog).Open())
            {
                // G0 at the start too: a bad live file is kept aside, never silently overwritten.
                var found = access.Live;
                if (found.Exists && !found.IsValid && access.SetAsideLive(now) is { } keptAs)
                {
                    warn($"runtime_overrides.json was invalid ({found.Reason}); kept as {Path.GetFileName(keptAs)}.");
                }
                access.Commit(options.InitialOverrides, session.Journal, new JournalEntry
                {
                    Type = JournalEntry.RunStarted, RunId = runId, At = now, Detail = $"source {options.Source.Name}, profile {options.ProfileName ?? "(none)"}",
                    Overrides = Sorted(options.InitialOverrides), StateHash = options.InitialOverrides.StateHash(), Pid = Environment.ProcessId,
                });
            }
            session.SaveState();
            session._journalHeld = session.Journal.KeepOpen();
            session.RootWatch = ArtifactRootWatch.Open(layout);
            session.Report = TuningReportFile.Begin(session.Folder);
            return session;
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
    }

    public static RunSession Resume(ArtifactLayout layout, SoakRunOptions options, Action<string> warn)
    {
        var folder = layout.LatestRun;
        if (!folder.Exists)
        {
            throw new SoakException("NothingToResume", SoakErrorKind.ObjectNotFound, $"There is no run to resume in '{layout.Latest}'.", layout.Latest);
        }
        var manifest = RunManifest.Read(folder);
        if (manifest.Status == RunStatus.Completed)
        {
            throw new SoakException("RunAlreadyCompleted", SoakErrorKind.InvalidOperation,
                $"Run {manifest.RunId} completed all {manifest.IterationsPlanned} iterations; there is nothing to resume.", manifest.RunId);
        }
        var runLock = RunLock.Acquire(layout, manifest.RunId, options.Clock, stale => warn($"Took over a stale lock left by {stale}."));
        try
        {
            var journal = new JournalFile(folder.Journal);
            var entries = journal.ReadVerified();
            if (!entries.Any(e => e.Type == JournalEntry.RunStarted && e.RunId == manifest.RunId))
            {
                // Without its journal a run cannot know what it applied: resuming would decide again from the wrong state.
                throw new SoakException("JournalDamaged", SoakErrorKind.InvalidData,
                    $"The journal '{folder.Journal}' is missing, empty or has no start record for run {manifest.RunId}; the run cannot be resumed safely.", folder.Journal);
            }
            var lastDecision = entries.LastOrDefault(e => e.Type == JournalEntry.Decision && e.State is not null);
            var state = lastDecision?.State ?? new TuningState { RunId = manifest.RunId };
            var lastOverrides = entries.LastOrDefault(e => e.Overrides is not null)?.Overrides;
            var overrides = lastOverrides is not null ? new ParameterSet(lastOverrides) : new ParameterSet(manifest.InitialOverrides);
            var completed = IterationFiles.List(folder.Path).Select(f => f.Iteration).DefaultIfEmpty(0).Max();
            manifest.Status = RunStatus.Running;
            manifest.EndedUtc = null;
            manifest.Error = null;
            manifest.IterationsCompleted = completed;
            var session = new RunSession(layout, manifest, runLock, state, overrides, completed + 1);
            session.Applier = new DecisionApplier(layout, session.Journal, options.Catalog, entries);
            session.PendingDecision = entries.LastOrDefault(e => e.Type == JournalEntry.Decision && e.RunId == manifest.RunId && e.Iteration == completed + 1);
            if (session.PendingDecision is not null)
            {
                // The state journalled with the last completed iteration is the one the pending decision started from.
                session.State = entries.LastOrDefault(e => e.Type == JournalEntry.Decision && e.Iteration == completed && e.State is not null)?.State
                    ?? new TuningState { RunId = manifest.RunId };
            }
            foreach (var file in IterationFiles.List(folder.Path))
            {
                if (TryReadSummary(file.Path) is { } s)
                {
                    session.AddVerdict(s.Kpi.Verdict, options.Policy.Kpi.RunVerdictWindow);
                    // Failures in a row carry over, so stopping and resuming cannot reset the limit.
                    session.ConsecutiveSourceFailures = s.Status == IterationSummary.FailedStatus ? session.ConsecutiveSourceFailures + 1 : 0;
                }
            }
            session.SaveManifest();
            session._journalHeld = session.Journal.KeepOpen();
            session.RootWatch = ArtifactRootWatch.Open(layout);
            session.Report = TuningReportFile.Rebuild(folder, entries);
            return session;
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
    }

    public static IterationSummary? TryReadSummary(string path)
    {
        try
        {
            return SoakJson.Deserialize<IterationSummary>(InputFile.ReadText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or SoakException)
        {
            return null;
        }
    }

    public void SaveManifest()
    {
        AtomicFile.WriteAllBytes(Folder.RunManifest, SoakJson.SerializeToUtf8Bytes(Manifest));
        _sinceManifest.Restart();
    }

    // TUNING_STATE.json caches the state journalled with every decision; G0 rebuilds it from the journal if it is lost.
    public void SaveState()
    {
        AtomicFile.WriteAllBytes(Folder.TuningState, SoakJson.SerializeToUtf8Bytes(State), durable: false);
        var saved = new FileInfo(Folder.TuningState);
        _savedState = saved.Exists ? (saved.Length, saved.LastWriteTimeUtc) : null;
    }

    private (long Length, DateTime Written)? _savedState;

    /// <summary>
    /// Whether TUNING_STATE.json is still the file this run last wrote (same size and write time), without reading it
    /// back. It is a cache the run rewrites every iteration, so an edit this cannot see (same size within the file
    /// system's time step) is overwritten by the run's own state at the end of the iteration, never used.
    /// </summary>
    public bool StateFileUnchanged()
    {
        var file = new FileInfo(Folder.TuningState);
        return _savedState is { } saved && file.Exists && file.Length == saved.Length && file.LastWriteTimeUtc == saved.Written;
    }

    private readonly System.Diagnostics.Stopwatch _sinceManifest = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>Keeps run.json's progress current without rewriting it every iteration of a fast run.</summary>
    public void SaveProgress()
    {
        if (_sinceManifest.Elapsed >= TimeSpan.FromSeconds(1))
        {
            SaveManifest();
        }
    }

    public void AddVerdict(Records.Verdict verdict, int window)
    {
        Verdicts.Add(verdict);
        if (Verdicts.Count > Math.Max(1, window))
        {
            Verdicts.RemoveAt(0);
        }
    }

    /// <summary>
    /// Puts TUNING_REPORT.json in place from what the run wrote as it went; only if that cannot be trusted is it built
    /// from the journal (streamed to the file). Returns the snapshot's summary of the same iterations.
    /// </summary>
    public Records.Snapshots.RunSnapshotSummary CompleteTuningReport()
    {
        if (Report.Complete())
        {
            return Report.SnapshotSummary;
        }
        var report = TuningReport.FromDecisions(Journal.Read());
        AtomicFile.Write(Folder.TuningReport, stream => System.Text.Json.JsonSerializer.Serialize(stream, report, SoakJson.Options));
        return SnapshotSummaryOf(report);
    }

    public static Records.Snapshots.RunSnapshotSummary SnapshotSummaryOf(TuningReport report)
    {
        var summary = new Records.Snapshots.RunSnapshotSummaryBuilder();
        foreach (var entry in report.Iterations)
        {
            TuningReport.CountIn(summary, entry);
        }
        return summary.Build();
    }

    /// <summary>snapshots/&lt;run_id&gt;_&lt;ended&gt;.json: final parameters, verdict and a summary that outlives the run folder.</summary>
    public void WriteSnapshot(Records.Snapshots.RunSnapshotSummary summary)
    {
        Records.Snapshots.SnapshotWriter.Write(Layout, new Records.Snapshots.RunSnapshot(
            Manifest.RunId, Manifest.StartedUtc, Manifest.EndedUtc ?? Manifest.StartedUtc, Manifest.Status, Manifest.Verdict, Manifest.Profile,
            Manifest.Source, Manifest.Seed, Manifest.IterationsPlanned, Manifest.IterationsCompleted, Overrides, summary));
    }

    public static SortedDictionary<string, decimal> Sorted(ParameterSet values) => new(values.Values.ToDictionary(), StringComparer.Ordinal);

    /// <summary>Moves latest/ to runs/&lt;run_id&gt;/ so a new run never deletes an old one.</summary>
    private static void ArchivePreviousRun(ArtifactLayout layout, DateTimeOffset now)
    {
        if (!Directory.Exists(layout.Latest))
        {
            return;
        }
        string name;
        try
        {
            name = SafeName.IsValid(RunManifest.Read(layout.LatestRun).RunId) ? RunManifest.Read(layout.LatestRun).RunId : $"unknown-{now:yyyyMMddTHHmmssZ}";
        }
        catch (SoakException)
        {
            name = $"unknown-{now:yyyyMMddTHHmmssZ}";
        }
        Directory.CreateDirectory(layout.Runs);
        var target = Path.Combine(layout.Runs, name);
        for (var i = 2; Directory.Exists(target); i++)
        {
            target = Path.Combine(layout.Runs, $"{name}-{i}");
        }
        Directory.Move(layout.Latest, target);
    }

    public void Dispose()
    {
        Report?.Dispose();
        _journalHeld?.Dispose();
        _journalHeld = null;
        RootWatch?.Dispose();
        _lock?.Dispose();
        _lock = null;
    }
}
