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
        var actions = plan.Actions.ToArray();
        for (var i = 0; i < actions.Length; i++)
        {
            if (actions[i].ChangesFiles && (!mayProceed(actions[i]) || whatIf))
            {
                actions[i] = actions[i] with { Outcome = RotationOutcome.Declined };
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
            // Compressions first: each ends in an fsync, so started early they overlap the many short removals instead of trailing them.
            var order = Enumerable.Range(0, actions.Length).OrderBy(i => IsCompression(actions[i]) ? 0 : 1).ToArray();
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(order, loadBalance: true), parallel, i =>
            {
                if (actions[i].Outcome != RotationOutcome.Planned) return;
                actions[i] = cancel.IsCancellationRequested ? actions[i] with { Outcome = RotationOutcome.Skipped, Error = "cancelled" }
                    : IsCompression(actions[i]) ? Compress(actions[i], wrapArchiveOutput)
                    : Remove(actions[i]);
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

    private static bool IsCompression(RotationAction a) => a.Kind is RotationActionKind.CompressSnapshot or RotationActionKind.CompressSummary;

    private static bool IsRemoval(RotationAction a) =>
        a.Kind is RotationActionKind.RemoveSummary or RotationActionKind.RemoveRunFolder or RotationActionKind.RemoveTempFile;

    /// <summary>Takes the run lock when latest/ is to be changed; if a run got there first, its actions are skipped.</summary>
    private static RunLock? LockLatestIfNeeded(ArtifactLayout layout, RotationPlan plan, RotationAction[] actions, TimeProvider clock)
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
            for (var i = 0; i < actions.Length; i++)
            {
                if (actions[i].Run == "latest" && actions[i].Outcome == RotationOutcome.Planned)
                {
                    actions[i] = actions[i] with { Outcome = RotationOutcome.Skipped, Error = refusal };
                }
            }
        }
        return runLock;
    }

    private static RotationAction Remove(RotationAction action)
    {
        try
        {
            if (action.Kind == RotationActionKind.RemoveRunFolder) TreeRemoval.Remove(action.Path);
            else ArtifactFileSystem.Current.DeleteFile(action.Path);
            return action with { Outcome = RotationOutcome.Taken, BytesAfter = 0 };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SoakException)
        {
            return action with { Outcome = RotationOutcome.Failed, Error = e.Message };
        }
    }

    private static RotationAction Compress(RotationAction action, Func<Stream, Stream>? wrapArchiveOutput)
    {
        try
        {
            var size = VerifiedGzip.Compress(action.Path, wrapArchiveOutput);
            return action with { Outcome = RotationOutcome.Taken, BytesAfter = size };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SoakException or InvalidDataException)
        {
            return action with { Outcome = RotationOutcome.Failed, Error = e.Message };
        }
    }

    private static RotationResult Result(RotationPlan plan, RotationOptions options, RotationAction[] actions, bool whatIf, long bytesAfter)
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
