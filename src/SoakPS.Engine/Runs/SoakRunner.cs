using System.Diagnostics;
using SoakPS.Engine.EdgeReports;
using SoakPS.Engine.Files;
using SoakPS.Engine.Guards;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Json;
using SoakPS.Engine.Kpi;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;
using SoakPS.Engine.Sources;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Runs;

/// <summary>
/// Runs a soak (docs/architecture.md): for each iteration validate state, obtain the edge report, summarise and judge it,
/// propose and guard, journal the decision and only then replace the parameter file, write state and
/// ITER_SUMMARY, and report. Events are yielded on the caller's thread as soon as they exist.
/// </summary>
internal static class SoakRunner
{
    public static IEnumerable<RunEvent> Execute(ArtifactLayout layout, SoakRunOptions options, CancellationToken cancellationToken)
    {
        // Disposed last, after the run is closed: SIGTERM/SIGHUP end the process only then.
        using var termination = new TerminationSignals(cancellationToken);
        cancellationToken = termination.Token;
        var warnings = new List<string>();
        RunSession session;
        try
        {
            session = options.Resume
                ? RunSession.Resume(layout, options, warnings.Add)
                : RunSession.Start(layout, options, warnings.Add);
        }
        catch (IOException e) when (DiskFull.Is(e))
        {
            throw DiskFull.BeforeStart(layout, e);
        }
        var finished = false;
        string? failure = null;
        try
        {
            Notify(options, o => o.RunStarted(new RunStartedInfo(session.Manifest, options, options.Resume)), warnings.Add);
            foreach (var warning in warnings)
            {
                yield return new RunWarning(warning);
            }
            yield return new RunVerbose(options.Resume
                ? $"Resuming run {session.Manifest.RunId} at iteration {session.NextIteration} of {options.Iterations}."
                : $"Started run {session.Manifest.RunId}: {options.Iterations} iterations from {options.Source.Name}, auto-tune {(options.AutoTune ? "on" : "off")}, starting from {options.InitialOverrides}.");

            var watch = Stopwatch.StartNew();
            var done = 0;
            for (var n = session.NextIteration; n <= options.Iterations; n++)
            {
                List<RunEvent> events;
                try
                {
                    events = RunIteration(session, options, n, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                catch (IOException e) when (DiskFull.Is(e))
                {
                    var full = DiskFull.DuringRun(layout, session.Manifest.RunId, n, e);
                    failure = full.Message;
                    throw full;
                }
                catch (Exception e)
                {
                    failure = e.Message;
                    throw;
                }
                foreach (var e in events)
                {
                    yield return e;
                }
                if (session.ConsecutiveSourceFailures >= options.MaxFailedIterations)
                {
                    // After the failed iteration was reported, so the last one a user sees is the one that stopped the run.
                    var stop = new SoakException("SourceFailedRepeatedly", SoakErrorKind.InvalidOperation,
                        $"The {options.Source.Name} source failed in {session.ConsecutiveSourceFailures} consecutive iterations, the limit for a run (last: {session.LastSourceFailure}); the run stops.",
                        session.Manifest.RunId);
                    failure = stop.Message;
                    throw stop;
                }
                done++;
                var remaining = TimeSpan.FromTicks(watch.Elapsed.Ticks / done * (options.Iterations - n));
                yield return new RunProgress(session.Manifest.RunId, n, options.Iterations, session.Verdicts.LastOrDefault(), remaining);
                if (n < options.Iterations && options.Interval > TimeSpan.Zero && !Wait(options, cancellationToken))
                {
                    yield break;
                }
            }

            session.Manifest.Status = RunStatus.Completed;
            finished = true;
            yield return new RunFinished(Close(session, options, RunStatus.Completed, null));
        }
        finally
        {
            if (!finished)
            {
                Close(session, options, failure is null ? RunStatus.Stopped : RunStatus.Failed, failure);
            }
            session.Dispose();
            Notify(options, o => o.RunEnded(new RunEndedInfo(session.Manifest, session.Layout.Latest)), _ => { });
        }
    }

    /// <summary>Tells every observer; one that throws is reported and does not stop the run or the others.</summary>
    private static void Notify(SoakRunOptions options, Action<IRunObserver> tell, Action<string> warn)
    {
        foreach (var observer in options.Observers)
        {
            try
            {
                tell(observer);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                warn($"Run observer {observer.GetType().Name} failed: {e.Message}");
            }
        }
    }

    /// <summary>Ends the run's bookkeeping: run.json status and verdict, TUNING_REPORT, the journal's last record, the snapshot.</summary>
    private static RunManifest Close(RunSession session, SoakRunOptions options, string status, string? error)
    {
        var manifest = session.Manifest;
        if (manifest.EndedUtc is not null && manifest.Status != RunStatus.Running && status != RunStatus.Completed)
        {
            return manifest;
        }
        manifest.Status = status;
        manifest.Error = error;
        manifest.EndedUtc = options.Clock.GetUtcNow();
        if (!RootIntact(session))
        {
            return manifest;
        }
        manifest.Verdict = session.Verdicts.Count > 0 ? KpiGate.RunVerdict(session.Verdicts, options.Policy.Kpi).ToString() : null;
        Records.Snapshots.RunSnapshotSummary? summary = null;
        TryStep(() => summary = session.CompleteTuningReport());
        TryStep(() =>
        {
            using var access = new OverridesGateway(session.Layout, options.Catalog).Open();
            access.Commit(null, session.Journal, new JournalEntry
            {
                Type = JournalEntry.RunEnded, RunId = manifest.RunId, At = manifest.EndedUtc.Value, Detail = $"{status}; verdict {manifest.Verdict ?? "none"}",
            });
        });
        TryStep(() => session.SaveManifest());
        TryStep(() => session.WriteSnapshot(summary ?? RunSession.SnapshotSummaryOf(TuningReport.FromDecisions(session.Journal.Read()))));
        return manifest;
    }

    /// <summary>False when the root, latest/, the journal or the lock is no longer what the run held: nothing more is written there.</summary>
    private static bool RootIntact(RunSession session)
    {
        try
        {
            session.RootWatch?.Verify(session.Manifest.RunId);
            return true;
        }
        catch (SoakException)
        {
            return false;
        }
    }

    private static void TryStep(Action step)
    {
        try { step(); } catch (IOException) { } catch (UnauthorizedAccessException) { } catch (SoakException) { }
    }

    private static bool Wait(SoakRunOptions options, CancellationToken cancellationToken)
    {
        try
        {
            Task.Delay(options.Interval, options.Clock, cancellationToken).GetAwaiter().GetResult();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static List<RunEvent> RunIteration(RunSession session, SoakRunOptions options, int n, CancellationToken cancellationToken)
    {
        var events = new List<RunEvent>();
        var folder = session.Folder;
        var runId = session.Manifest.RunId;
        var started = options.Clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var marketTime = options.Source.Clock == SourceClock.Market ? session.Manifest.StartedUtc + options.IterationWindow * n : started;

        session.RootWatch?.Verify(runId);
        var journalled = n == session.NextIteration ? session.PendingDecision : null;
        if (journalled is null)
        {
            foreach (var warning in RunStateCheck.Check(session, n, options))
            {
                events.Add(new RunWarning(warning));
            }
        }

        var (text, failure, regime) = ObtainReport(session, options, n, started, journalled is not null, cancellationToken);
        if (failure is not null)
        {
            events.Add(new RunWarning($"Iteration {n} failed, nothing tuned: {failure}."));
        }
        if (journalled is null)
        {
            // A bot may have written a bad live file during its iteration: set aside and recorded before any decision.
            foreach (var warning in RunStateCheck.CheckOverrides(session, n, options, onlyInvalid: true))
            {
                events.Add(new RunWarning($"Iteration {n}, while the source ran: {warning}"));
            }
        }
        var read = failure is null ? EdgeReportReader.Read(text) : EdgeReadResult.Invalid("source failed: " + failure);
        var kpi = read.IsValid ? KpiGate.Evaluate(read.Metrics!, options.Policy.Kpi) : KpiResult.Invalid(read.InvalidReason!);
        kpi = read.Notes.Count == 0 ? kpi : kpi with { Reasons = kpi.Reasons.Concat(read.Notes).ToArray() };
        session.ConsecutiveSourceFailures = failure is null ? 0 : session.ConsecutiveSourceFailures + 1;

        TuningDecision decision;
        if (journalled is not null)
        {
            // Resumed after a crash between journal and summary: never decide again (G7); finish from the journal.
            session.Applier.Apply(journalled, cancellationToken: cancellationToken);
            decision = TuningDecision.FromJournal(journalled);
            session.State = journalled.State ?? session.State;
            events.Add(new RunVerbose($"Iteration {n} was already decided before the interruption; finishing it from the journal."));
        }
        else
        {
            var stateBefore = session.State.Clone();
            var proposed = Decide(session, options, n, marketTime, read, kpi, failure);
            TuningDecision? superseding = null;
            var applied = session.Applier.Apply(proposed.ToJournalEntry(), session.Overrides,
                live => (superseding = Superseded(session, options, proposed, stateBefore, live)).ToJournalEntry(), cancellationToken);
            decision = superseding ?? proposed;
            if (applied.Journalled)
            {
                session.Report.Add(applied.Decision);
            }
            if (applied.ChangedOutside is { } live)
            {
                events.Add(new RunWarning($"Iteration {n}: runtime_overrides.json was changed outside the run during the iteration ({live}); the run keeps it, skips its own apply and pauses tuning."));
            }
        }

        session.Overrides = decision.Overrides;
        session.SaveState();

        var summary = new IterationSummary
        {
            Iteration = n,
            RunId = runId,
            Timestamp = started,
            Source = options.Source.Name,
            Profile = options.ProfileName,
            Regime = regime,
            Status = failure is null ? IterationSummary.CompletedStatus : IterationSummary.FailedStatus,
            Summary = read.Metrics ?? new EdgeMetrics(),
            Kpi = new IterationKpi { Verdict = kpi.Verdict, Reasons = kpi.Reasons.ToList(), NotEvaluated = kpi.NotEvaluated.ToList() },
            Tuning = decision.ToTuning(),
        };
        AtomicFile.WriteAllBytes(folder.IterationSummary(n), SoakJson.SerializeToUtf8Bytes(summary));
        session.AddVerdict(kpi.Verdict, options.Policy.Kpi.RunVerdictWindow);
        session.Manifest.IterationsCompleted = n;
        session.SaveProgress();

        // The verdict and what was applied come first: guard events (a cooldown it starts, a revert) follow from them.
        events.Add(new RunVerbose($"Iteration {n}: {kpi.Verdict}, {(summary.Tuning.Applied ? "applied " + string.Join(", ", summary.Tuning.Deltas.Select(d => $"{d.Key} {JsonNumbers.Format(d.Value):+0.####;-0.####}")) : "no apply (" + summary.Tuning.SkipReason + ")")}."));
        foreach (var e in summary.Tuning.Events)
        {
            events.Add(e.IsWarning ? new RunWarning($"Iteration {n}: {e.Message}") : new RunVerbose($"Iteration {n}: {e.Message}"));
        }
        events.Add(new IterationCompleted(summary, session.Manifest));
        var completed = new IterationCompletedInfo(summary, session.State, session.Manifest, watch.Elapsed, KpiGate.RunVerdict(session.Verdicts, options.Policy.Kpi));
        Notify(options, o => o.IterationCompleted(completed), w => events.Add(new RunWarning(w)));

        session.LastSourceFailure = failure;
        return events;
    }

    private static (string? Text, string? Failure, string? Regime) ObtainReport(
        RunSession session, SoakRunOptions options, int n, DateTimeOffset started, bool alreadyObtained, CancellationToken cancellationToken)
    {
        var reportPath = session.Folder.EdgeReport(n);
        if (alreadyObtained && File.Exists(reportPath))
        {
            return (InputFile.ReadText(reportPath, EdgeReportReader.MaxBytes), null, null);
        }
        var context = new IterationContext(session.Manifest.RunId, n, options.Iterations, session.Overrides, session.Layout.RuntimeOverrides,
            reportPath, session.Folder.Logs, started, options.IterationWindow) { PreviousReportPath = n > 1 ? session.Folder.EdgeReport(n - 1) : null };
        var result = options.Source.ObtainAsync(context, cancellationToken).GetAwaiter().GetResult();
        cancellationToken.ThrowIfCancellationRequested();
        // The source may be a bot with the run's folders in reach: nothing is written until they are still the run's own.
        session.RootWatch?.Verify(session.Manifest.RunId);
        if (result.Failed)
        {
            return (null, result.FailureReason, null);
        }
        AtomicFile.WriteAllText(reportPath, result.ReportText!);
        result.Annotations.TryGetValue("regime", out var regime);
        return (result.ReportText, null, regime);
    }

    private static TuningDecision Decide(RunSession session, SoakRunOptions options, int n, DateTimeOffset marketTime, EdgeReadResult read, KpiResult kpi, string? failure)
    {
        var current = session.Overrides;
        var decision = new TuningDecision
        {
            RunId = session.Manifest.RunId,
            At = options.Clock.GetUtcNow(),
            Iteration = n,
            MarketTime = marketTime,
            KpiVerdict = kpi.Verdict.ToString(),
            NetBps = read.Metrics?.NetBps,
            Previous = current,
            Overrides = current,
        };

        if (!options.AutoTune || !read.IsValid)
        {
            decision = decision with
            {
                SkipReason = !options.AutoTune ? "auto_tune_off" : failure is not null ? "source_failed" : "invalid_report",
                Rationale = (!options.AutoTune ? "auto-tune is off" : read.InvalidReason) ?? string.Empty,
            };
            if (options.AutoTune)
            {
                // An invalid iteration still counts for the guards that watch streaks (it breaks a calm streak).
                var idle = new GuardContext(n, n == options.Iterations, marketTime, current, Proposal.Stable, null, kpi, session.State,
                    options.Policy.Guards, options.Catalog, options.ProfileValues) { LastIteration = options.Iterations };
                var outcome = options.Guards.Run(idle);
                decision = decision with { Guards = outcome.Active, Events = outcome.Events };
                if (outcome.PanicRevert)
                {
                    decision = decision with
                    {
                        Outcomes = outcome.Outcomes, Applied = true, SkipReason = null, Deltas = Diff(current, outcome.NewValues), Overrides = outcome.NewValues,
                    };
                }
            }
            return decision with { State = session.State.Clone() };
        }

        var proposal = options.Tuner.Propose(new TuningInput(read.Metrics!, current, options.Catalog, options.Policy.Rules, options.Policy.Tuner, session.State));
        var context = new GuardContext(n, n == options.Iterations, marketTime, current, proposal, read.Metrics, kpi, session.State,
            options.Policy.Guards, options.Catalog, options.ProfileValues) { LastIteration = options.Iterations };
        var guarded = options.Guards.Run(context);
        return decision with
        {
            ProposedDeltas = proposal.Deltas,
            Outcomes = guarded.Outcomes,
            Deltas = Diff(current, guarded.NewValues),
            Applied = guarded.Changed,
            Rationale = proposal.Rationale,
            SkipReason = guarded.Changed ? null : SkipReason(proposal, guarded),
            Overrides = guarded.NewValues,
            Guards = guarded.Active,
            Events = guarded.Events,
            State = session.State.Clone(),
        };
    }

    /// <summary>The decision recorded instead when an operator changed the file while the iteration ran: their values win.</summary>
    private static TuningDecision Superseded(RunSession session, SoakRunOptions options, TuningDecision proposed, Records.TuningState stateBefore, ParameterSet live)
    {
        var n = proposed.Iteration;
        stateBefore.PausedUntil = Math.Max(stateBefore.PausedUntil, n + options.Policy.Guards.PanicPauseIterations);
        stateBefore.History.Clear();
        stateBefore.TunerClass = null;
        stateBefore.Count("external_changes");
        stateBefore.Iteration = n;
        session.State = stateBefore;
        return proposed with
        {
            At = options.Clock.GetUtcNow(),
            ProposedDeltas = new SortedDictionary<string, decimal>(StringComparer.Ordinal),
            Outcomes = Array.Empty<ParameterOutcome>(),
            Applied = false,
            Deltas = new SortedDictionary<string, decimal>(StringComparer.Ordinal),
            SkipReason = "external_change",
            Rationale = "runtime_overrides.json was changed outside the run during this iteration; the operator's values are kept",
            Guards = new SortedDictionary<string, bool>(StringComparer.Ordinal),
            Events = Array.Empty<GuardEvent>(),
            Previous = session.Overrides,
            Overrides = live,
            State = stateBefore.Clone(),
        };
    }

    private static string SkipReason(Proposal proposal, GuardDecision decision)
    {
        if (proposal.IsEmpty)
        {
            return "stable";
        }
        var statuses = decision.Outcomes.Select(o => o.Status).Distinct().ToArray();
        return statuses.Length == 1 ? SnakeCase.Of(statuses[0]) : "blocked_by_guards";
    }

    private static SortedDictionary<string, decimal> Diff(ParameterSet before, ParameterSet after)
    {
        var deltas = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (name, value) in after.Values)
        {
            var old = before.TryGet(name, out var v) ? v : 0m;
            if (value != old)
            {
                deltas[name] = value - old;
            }
        }
        return deltas;
    }
}
