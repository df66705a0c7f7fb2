using SoakPS.Engine.Artifacts.FileSystem;

namespace SoakPS.Engine.Artifacts.Rotation;

/// <summary>
/// Carries out a plan: asks the host "may I?" for every action first (on the caller's thread, so a cmdlet can wire
/// ShouldProcess to it), then removes and compresses what was allowed, records each outcome and appends the rotation
/// log. Before touching latest/ it takes the run lock, so a run that started after planning is never disturbed.
/// </summary>
public static class RotationExecutor
{
    public const string LockRunId = "rotation";

    /// <param name="mayProceed">Asked once per action that changes files; false declines it.</param>
    /// <param name="whatIf">Every action is still shown to <paramref name="mayProceed"/> (that is where -WhatIf prints it), then declined: nothing is executed or logged.</param>
    /// <param name="wrapArchiveOutput">Test seam around the archive write; production passes null.</param>
    public static RotationResult Execute(ArtifactLayout layout, RotationPlan plan, RotationOptions options, TimeProvider clock,
        Func<RotationAction, bool> mayProceed, bool whatIf, CancellationToken cancel = default, Func<Stream, Stream>? wrapArchiveOutput = null)
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

        using (var runLock = LockLatestIfNeeded(layout, plan, actions, clock))
        {
            // Every action touches its own path, so removals and compressions run side by side; more workers than cores
            // because most of the time is spent waiting on unlink and fsync, which the file system batches when they overlap.
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(4, 2 * Environment.ProcessorCount) };
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(CompressionsFirst(actions), loadBalance: true), parallel, i =>
            {
                var action = actions[i];
                if (action.Outcome != RotationOutcome.Planned) return;
                if (cancel.IsCancellationRequested) action.Record(RotationOutcome.Skipped, error: "cancelled");
                else if (IsCompression(action)) Compress(action, wrapArchiveOutput);
                else Remove(action);
            });
        }

        var after = plan.BytesBefore - actions.Where(a => a.Outcome == RotationOutcome.Taken).Sum(a => a.Bytes - a.BytesAfter);
        var result = Result(plan, options, actions, whatIf: false, after);
        if (actions.Any(a => a.ChangesFiles && a.Outcome != RotationOutcome.Declined))
        {
            RotationLog.Append(layout, result, options);
        }
        return result;
    }

    /// <summary>
    /// The order of work: compressions first, since each ends in an fsync and, started early, they overlap the many short
    /// removals instead of trailing them. Indexes, so a 100,000-action plan costs one int array here.
    /// </summary>
    private static int[] CompressionsFirst(IReadOnlyList<RotationAction> actions)
    {
        var order = new int[actions.Count];
        var next = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < actions.Count; i++)
            {
                if (IsCompression(actions[i]) == (pass == 0)) order[next++] = i;
            }
        }
        return order;
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
            action.Record(RotationOutcome.Taken, bytesAfter: VerifiedGzip.Compress(action.Path, wrapArchiveOutput));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SoakException or InvalidDataException)
        {
            action.Record(RotationOutcome.Failed, error: e.Message);
        }
    }

    private static RotationResult Result(RotationPlan plan, RotationOptions options, IReadOnlyList<RotationAction> actions, bool whatIf, long bytesAfter)
    {
        int Count(Func<RotationAction, bool> p) => actions.Count(p);
        return new RotationResult(
            plan.Root,
            plan.PlannedUtc,
            whatIf,
            Removed: Count(a => IsRemoval(a) && a.Outcome == RotationOutcome.Taken),
            Compressed: Count(a => IsCompression(a) && a.Outcome == RotationOutcome.Taken),
            Skipped: Count(a => a.Outcome == RotationOutcome.Skipped),
            Failed: Count(a => a.Outcome == RotationOutcome.Failed),
            Declined: Count(a => a.Outcome == RotationOutcome.Declined),
            BytesBefore: plan.BytesBefore,
            BytesAfter: bytesAfter,
            OverBudget: bytesAfter > options.MaxSizeBytes,
            MaxSizeMB: options.MaxSizeMB,
            Actions: actions);
    }
}
