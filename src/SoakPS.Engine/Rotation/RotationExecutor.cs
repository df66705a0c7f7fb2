
using SoakPS.Engine.Files;

namespace SoakPS.Engine.Rotation;

/// <summary>
/// Carries out a plan: asks the host "may I?" for every action first (on the caller's thread, so a cmdlet can wire
/// ShouldProcess to it), then removes and compresses what was allowed, records each outcome and appends the rotation
/// log. Before touching latest/ it takes the run lock, so a run that started after planning is never disturbed.
/// </summary>
internal static class RotationExecutor
{
    public const string LockRunId = "rotation";

    /// <param name="mayProceed">Asked once per action that changes files; false declines it.</param>
    /// <param name="whatIf">Every action is still shown to <paramref name="mayProceed"/> (that is where -WhatIf prints it), then declined: nothing is executed or logged.</param>
    /// <param name="wrapArchiveOutput">Test seam around the archive write; production passes null.</param>
    public static RotationResult Execute(ArtifactLayout layout, RotationPlan plan, RotationOptions options, TimeProvider clock,
        Func<RotationAction, bool> mayProceed, bool whatIf, Func<Stream, Stream>? wrapArchiveOutput = null, CancellationToken cancel = default)
    {
        var actions = plan.Actions;
        if (!actions.All(a => a.IsAsPlanned))
        {
            throw new InvalidOperationException("This rotation plan has been carried out already; plan again.");
        }
        foreach (var action in actions)
        {
            if (action.ChangesFiles && (!mayProceed(action) || whatIf))
            {
                action.Record(RotationOutcome.Declined);
            }
        }
        if (whatIf)
        {
            var projected = plan.BytesBefore - actions.Where(IsRemoval).Sum(a => a.Bytes);
            return Result(plan, options, actions, whatIf: true, projected);
        }

        var ranges = new List<SummaryRangeRemoval>();
        RunLock? runLock = null;
        try
        {
            // Every file is touched by one work item, so removals and compressions run side by side; more workers than
            // cores because most of the time is spent waiting on unlink and fsync, which the file system batches when they
            // overlap (on 2 cores 4 workers unlink ~2x as fast as 1; 8 are barely faster than 4 and hold more memory).
            var work = WorkItems(actions, ranges, () => runLock = LockLatestIfNeeded(layout, plan, actions, clock), cancel);
            RotationWorkers.Run(work, Math.Max(4, 2 * Environment.ProcessorCount), item =>
            {
                if (item.Range is { } range)
                {
                    if (cancel.IsCancellationRequested) range.Cancelled();
                    else range.Remove(item.File!, item.Length);
                    return;
                }
                var action = item.Action!;
                if (cancel.IsCancellationRequested) action.Record(RotationOutcome.Skipped, error: "cancelled");
                else if (IsCompression(action)) Compress(action, wrapArchiveOutput);
                else Remove(action);
            });
        }
        finally
        {
            runLock?.Dispose();
        }
        foreach (var range in ranges)
        {
            range.Finish(cancel.IsCancellationRequested);
        }

        var after = plan.BytesBefore - actions.Sum(a => a.Bytes - a.BytesAfter);
        var result = Result(plan, options, actions, whatIf: false, after);
        if (actions.Any(a => a.ChangesFiles && a.Outcome != RotationOutcome.Declined))
        {
            RotationLog.Append(layout, result, options);
        }
        return result;
    }

    /// <summary>
    /// The work, handed to the workers a few items at a time as they ask for it (one at a time on this enumerator). First
    /// what lies outside latest/, which needs no lock, so it is under way while the lock is taken: compressions first,
    /// since each ends in an fsync and, started early, they overlap the many short removals instead of trailing them.
    /// Then the run lock (<paramref name="lockLatest"/>, which skips latest/'s actions if a run got there first), latest/'s
    /// own one-file actions, and the files of each range as its folder is read, so no list of them is ever built.
    /// </summary>
    private static IEnumerable<RotationWorkItem> WorkItems(IReadOnlyList<RotationAction> actions, List<SummaryRangeRemoval> ranges, Action lockLatest, CancellationToken cancel)
    {
        for (var stage = 0; stage < 4; stage++)
        {
            var inLatest = stage >= 2;
            if (stage == 2) lockLatest();
            foreach (var action in actions)
            {
                if (action.Outcome == RotationOutcome.Planned && action.BelowIteration is null
                    && (action.Run == "latest") == inLatest && IsCompression(action) == (stage % 2 == 0))
                {
                    yield return new RotationWorkItem(action, null, null, 0);
                }
            }
        }
        ranges.AddRange(actions.Where(a => a.BelowIteration is not null && a.Outcome == RotationOutcome.Planned).Select(a => new SummaryRangeRemoval(a)));
        foreach (var range in ranges)
        {
            IEnumerator<RotationWorkItem>? files = null;
            try
            {
                while (true)
                {
                    if (cancel.IsCancellationRequested)
                    {
                        range.Cancelled();
                        break;
                    }
                    RotationWorkItem file;
                    try
                    {
                        // Opening the folder is part of reading it: a folder gone since planning fails its range.
                        files ??= range.Files().GetEnumerator();
                        if (!files.MoveNext()) break;
                        file = files.Current;
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or SoakException)
                    {
                        range.ListingFailed(e.Message);
                        break;
                    }
                    yield return file;
                }
            }
            finally
            {
                files?.Dispose();
            }
        }
    }

    private static bool IsCompression(RotationAction a) => a.Kind is RotationActionKind.CompressSnapshot or RotationActionKind.CompressSummary;

    private static bool IsRemoval(RotationAction a) =>
        a.Kind is RotationActionKind.RemoveSummary or RotationActionKind.RemoveRunFolder or RotationActionKind.RemoveTempFile;

    /// <summary>Takes the run lock when latest/ is to be changed; if a run got there first, its actions are skipped.</summary>
    private static RunLock? LockLatestIfNeeded(ArtifactLayout layout, RotationPlan plan, IReadOnlyList<RotationAction> actions, TimeProvider clock)
    {
        if (!actions.Any(a => a.Run == "latest" && a.Outcome == RotationOutcome.Planned)) return null;
        string? refusal = null;
        RunLock? runLock = null;
        try
        {
            runLock = RunLock.Acquire(layout, LockRunId, clock);
            var now = RunFolderInfo.TryRead(layout.LatestRun.RunManifest);
            if (now is null || now.IsRunning || now.RunId != plan.LatestRunId)
            {
                refusal = "latest/ changed after planning (a run started or ended): left alone";
            }
        }
        catch (SoakException e) when (e.ErrorId == "ArtifactRootLocked")
        {
            refusal = $"a run became active after planning: latest/ is left alone ({e.Message})";
        }
        catch (Exception e) when (e is SoakException or IOException or UnauthorizedAccessException)
        {
            // Work outside latest/ may be done by now: it is logged, and latest/ waits for the next rotation.
            refusal = $"the run lock could not be taken: latest/ is left alone ({e.Message})";
        }
        if (refusal is not null)
        {
            foreach (var action in actions)
            {
                if (action.Run == "latest" && action.Outcome == RotationOutcome.Planned)
                {
                    action.Record(RotationOutcome.Skipped, error: refusal);
                }
            }
        }
        return runLock;
    }

    private static void Remove(RotationAction action)
    {
        try
        {
            if (action.Kind == RotationActionKind.RemoveRunFolder) TreeRemoval.Remove(action.Path);
            else ArtifactFileSystem.Current.DeleteFile(action.Path);
            action.Record(RotationOutcome.Taken, bytesAfter: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SoakException)
        {
            action.Record(RotationOutcome.Failed, error: e.Message);
        }
    }

    private static void Compress(RotationAction action, Func<Stream, Stream>? wrapArchiveOutput)
    {
        try
        {
            FolderGuard.ThrowIfLink(Path.GetDirectoryName(action.Path)!);
            action.Record(RotationOutcome.Taken, bytesAfter: VerifiedGzip.Compress(action.Path, wrapArchiveOutput));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SoakException or InvalidDataException)
        {
            action.Record(RotationOutcome.Failed, error: e.Message);
        }
    }

    private static RotationResult Result(RotationPlan plan, RotationOptions options, IReadOnlyList<RotationAction> actions, bool whatIf, long bytesAfter)
    {
        int Files(Func<RotationAction, bool> which, RotationOutcome outcome) => actions.Where(which).Sum(a => a.FilesWith(outcome));
        return new RotationResult(
            plan.Root,
            plan.PlannedUtc,
            whatIf,
            Removed: Files(IsRemoval, RotationOutcome.Taken),
            Compressed: Files(IsCompression, RotationOutcome.Taken),
            Skipped: Files(_ => true, RotationOutcome.Skipped),
            Failed: Files(_ => true, RotationOutcome.Failed),
            Declined: Files(_ => true, RotationOutcome.Declined),
            BytesBefore: plan.BytesBefore,
            BytesAfter: bytesAfter,
            OverBudget: bytesAfter > options.MaxSizeBytes,
            MaxSizeMB: options.MaxSizeMB,
            Actions: actions);
    }
}
