
using SoakPS.Engine.Files;
using SoakPS.Engine.Records.Snapshots;

namespace SoakPS.Engine.Rotation;

/// <summary>
/// Decides what rotation does (Invoke-SoakRotation's help page) from one lstat pass over the root: which summaries of finished runs go (by
/// iteration number, never by time), which run folders go, which snapshots are compressed, which temp files are stale.
/// It never plans anything in an active or unfinished run, and never acts on a symbolic link.
/// </summary>
internal sealed class RotationPlanner
{
    private const string SummaryPrefix = "ITER_SUMMARY_";
    private const string RunManifestName = "run.json";
    private const int MaxManifestBytes = 1024 * 1024;

    private readonly ArtifactLayout _layout;
    private readonly RotationOptions _options;
    private readonly DateTimeOffset _now;
    private readonly DateTimeOffset _compressBefore;
    private readonly DateTimeOffset _staleTempBefore;
    private readonly List<RotationAction> _actions = new();
    private ArtifactTree _tree = null!;

    private RotationPlanner(ArtifactLayout layout, RotationOptions options, DateTimeOffset now)
    {
        _layout = layout;
        _options = options;
        _now = now;
        _compressBefore = now - TimeSpan.FromDays(options.CompressAfterDays);
        _staleTempBefore = now - options.StaleTempAge;
    }

    public static RotationPlan Plan(ArtifactLayout layout, RotationOptions options, TimeProvider clock, CancellationToken cancel = default)
    {
        options.Validate();
        if (!Directory.Exists(layout.Root))
        {
            throw new SoakException("ArtifactRootNotFound", SoakErrorKind.ObjectNotFound, $"The artifact root '{layout.Root}' does not exist.", layout.Root);
        }
        var planner = new RotationPlanner(layout, options, clock.GetUtcNow());
        return planner.Build(cancel);
    }

    private RotationPlan Build(CancellationToken cancel)
    {
        _tree = ArtifactTree.Scan(_layout.Root, _options.KeepSummaries, cancel);
        var active = RunLock.ActiveHolder(_layout);
        var root = _tree.Listing(_layout.Root)!;
        foreach (var entry in root.Entries)
        {
            if (entry.Type == TreeEntryType.Link && entry.Name is "latest" or "runs" or "snapshots" or "rotation")
            {
                Skip(Path.Combine(_layout.Root, entry.Name), "a symbolic link: not followed", null);
            }
        }
        if (active is null)
        {
            // The live parameter file is rewritten at the root during a run; its temp files are only stale when no run is.
            PlanStaleTemps(root, null);
        }
        if (_tree.Listing(_layout.Rotation) is { } rotation) PlanStaleTemps(rotation, null);
        var latestRunId = PlanLatest(active);
        PlanRuns(active, cancel);
        PlanSnapshots();
        return new RotationPlan(_layout.Root, _now, _tree.TotalBytes, _actions, latestRunId);
    }

    private string? PlanLatest(LockHolder? active)
    {
        if (_tree.Listing(_layout.Latest) is not { } latest) return null;
        var info = ReadRunInfo(latest);
        if (active is not null)
        {
            Skip(_layout.Latest, $"a run is active ({active}): latest/ is left alone", "latest");
            return info?.RunId;
        }
        if (info is null)
        {
            Skip(_layout.Latest, "latest/ has no readable run.json, so whether its run finished is unknown: left alone", "latest");
            return null;
        }
        if (info.IsRunning)
        {
            Skip(_layout.Latest, $"run {info.RunId} in latest/ is marked running (interrupted, resumable): left alone", "latest");
            return info.RunId;
        }
        PlanRunFolder(latest, "latest", compressSummaries: false);
        return info.RunId;
    }

    private void PlanRuns(LockHolder? active, CancellationToken cancel)
    {
        if (_tree.Listing(_layout.Runs) is not { } runs) return;
        var folders = new List<RunCandidate>();
        foreach (var entry in runs.Entries)
        {
            var path = Path.Combine(_layout.Runs, entry.Name);
            if (entry.Type == TreeEntryType.Link)
            {
                Skip(path, "a symbolic link: not followed", entry.Name);
            }
            else if (entry.Type == TreeEntryType.Directory && _tree.Listing(path) is { } listing)
            {
                folders.Add(new RunCandidate(entry.Name, ReadRunInfo(listing), listing));
            }
        }
        // Newest first by the start time recorded in run.json, never by file times; folders without one count as oldest.
        folders.Sort((a, b) =>
        {
            var byStart = Nullable.Compare(b.Info?.StartedUtc, a.Info?.StartedUtc);
            return byStart != 0 ? byStart : string.CompareOrdinal(b.Name, a.Name);
        });
        for (var i = 0; i < folders.Count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var (name, info, listing) = folders[i];
            if (_options.KeepRuns is { } keepRuns && i >= keepRuns)
            {
                if (active is not null && (active.RunId == name || active.RunId == info?.RunId))
                {
                    Skip(listing.Path, $"run {name} holds the lock: left alone", name);
                }
                else
                {
                    Add(new RotationAction(RotationActionKind.RemoveRunFolder, listing.Path, _tree.BytesUnder(listing.Path),
                        $"older than the newest {keepRuns} runs") { Run = name });
                }
                continue;
            }
            if (info is null)
            {
                Skip(listing.Path, "no readable run.json, so whether the run finished is unknown: left alone", name);
            }
            else if (info.IsRunning)
            {
                Skip(listing.Path, $"run {name} is marked running: left alone", name);
            }
            else
            {
                var ended = info.EndedUtc ?? info.StartedUtc ?? ManifestTime(listing);
                PlanRunFolder(listing, name, compressSummaries: ended < _compressBefore);
            }
        }
    }

    private void PlanRunFolder(DirectoryListing listing, string run, bool compressSummaries)
    {
        if (listing.Error is not null)
        {
            Skip(listing.Path, $"cannot be listed: {listing.Error}", run);
            return;
        }
        var summaries = listing.Summaries;
        var oddlyNamed = new List<OddlyNamed>();
        foreach (var entry in listing.Entries)
        {
            if (AtomicFile.IsTempFile(entry.Name))
            {
                PlanStaleTemp(listing.Path, entry, run);
                continue;
            }
            if (!entry.Name.StartsWith(SummaryPrefix, StringComparison.Ordinal)) continue;
            var path = Path.Combine(listing.Path, entry.Name);
            if (entry.Type == TreeEntryType.Link) Skip(path, "a symbolic link: not followed", run);
            else if (entry.Type == TreeEntryType.Directory) Skip(path, "a directory named like an iteration summary", run);
            else if (!IterationFiles.TryParse(entry.Name, out var n, out var gz)) Skip(path, "not an iteration summary name (ITER_SUMMARY_<number>.json)", run);
            else oddlyNamed.Add(new OddlyNamed(n, entry, gz));
        }
        var keep = _options.KeepSummaries;
        var newest = summaries.Newest();
        var keepFrom = KeepFrom(newest, oddlyNamed, summaries.Overflowed, keep);
        var removeReason = keep == 0 ? "summaries are not kept (keep count 0)" : $"older than the newest {keep} iterations (kept from {keepFrom})";
        var compressReason = $"run ended more than {_options.CompressAfterDays} days ago";

        // Every summary below keepFrom is one action; the digest holds the files of every number from keepFrom up, so
        // what goes is the folder's totals minus those.
        var (keptFiles, keptBytes) = (0, 0L);
        foreach (var kept in newest)
        {
            if (kept.Iteration < keepFrom) break;
            (keptFiles, keptBytes) = (keptFiles + 1, keptBytes + kept.Length);
            if (compressSummaries && !kept.Compressed && kept.Length > 0)
            {
                Add(new RotationAction(RotationActionKind.CompressSummary, Path.Combine(listing.Path, $"ITER_SUMMARY_{kept.Iteration}.json"), kept.Length, compressReason) { Run = run });
            }
        }
        if (summaries.Files > keptFiles)
        {
            Add(RotationAction.RemoveSummariesBelow(listing.Path, keepFrom, summaries.Files - keptFiles, summaries.Bytes - keptBytes, removeReason, run));
        }
        // Names that do not spell their number (ITER_SUMMARY_007.json) are few and keep an action of their own.
        foreach (var (n, entry, gz) in oddlyNamed)
        {
            var path = Path.Combine(listing.Path, entry.Name);
            if (n < keepFrom) Add(new RotationAction(RotationActionKind.RemoveSummary, path, entry.Length, removeReason) { Run = run });
            else if (compressSummaries && !gz && entry.Length > 0) Add(new RotationAction(RotationActionKind.CompressSummary, path, entry.Length, compressReason) { Run = run });
        }
    }

    /// <summary>
    /// The lowest iteration number kept: the keep-th highest distinct number among the folder's summaries, so plain and
    /// .gz forms of one iteration share its fate. int.MinValue keeps everything; with keep 0, int.MaxValue keeps nothing.
    /// </summary>
    /// <param name="newest">The digest's files: every file of the newest <paramref name="keep"/> distinct numbers.</param>
    /// <param name="overflowed">The folder holds more distinct numbers than those.</param>
    private static int KeepFrom(DigestedSummary[] newest, List<OddlyNamed> oddlyNamed, bool overflowed, int keep)
    {
        var numbers = new List<int>(newest.Length + oddlyNamed.Count);
        foreach (var file in newest) numbers.Add(file.Iteration);
        foreach (var odd in oddlyNamed) numbers.Add(odd.Iteration);
        numbers.Sort();
        var distinct = numbers.Count == 0 ? 0 : 1;
        for (var i = 1; i < numbers.Count; i++)
        {
            if (numbers[i] != numbers[i - 1]) distinct++;
        }
        if (!overflowed && distinct <= keep) return int.MinValue;
        return keep == 0 ? int.MaxValue : KthHighestDistinct(numbers, keep);
    }

    /// <summary>The k-th highest distinct value of an ascending list.</summary>
    private static int KthHighestDistinct(List<int> ascending, int k)
    {
        var seen = 0;
        for (var i = ascending.Count - 1; i >= 0; i--)
        {
            if (i == ascending.Count - 1 || ascending[i] != ascending[i + 1])
            {
                if (++seen == k) return ascending[i];
            }
        }
        return int.MinValue;
    }

    private void PlanSnapshots()
    {
        if (_tree.Listing(_layout.Snapshots) is not { } snapshots) return;
        foreach (var entry in snapshots.Entries)
        {
            var path = Path.Combine(snapshots.Path, entry.Name);
            if (AtomicFile.IsTempFile(entry.Name))
            {
                PlanStaleTemp(snapshots.Path, entry, null);
                continue;
            }
            if (entry.Type == TreeEntryType.Link)
            {
                Skip(path, "a symbolic link: not followed", null);
                continue;
            }
            if (entry.Type != TreeEntryType.File || !SnapshotFile.TryParse(path, out var snapshot) || snapshot.Format != SnapshotFormat.Json)
            {
                continue;
            }
            if (entry.Length == 0)
            {
                // Also what a FIFO or device looks like; opening one could block, so it is never read.
                Skip(path, "empty or not a regular file", null);
                continue;
            }
            // Age comes from the snapshot's own time (name, then content); file times only as a last resort.
            var taken = snapshot.TakenUtc ?? ContentTime(path, entry.Length) ?? entry.LastWriteUtc;
            if (taken < _compressBefore)
            {
                Add(new RotationAction(RotationActionKind.CompressSnapshot, path, entry.Length,
                    $"taken {taken.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, more than {_options.CompressAfterDays} days ago"));
            }
        }
    }

    private void PlanStaleTemps(DirectoryListing listing, string? run)
    {
        foreach (var entry in listing.Entries)
        {
            if (AtomicFile.IsTempFile(entry.Name)) PlanStaleTemp(listing.Path, entry, run);
        }
    }

    private void PlanStaleTemp(string directory, TreeEntry entry, string? run)
    {
        if (entry.Type == TreeEntryType.File && entry.LastWriteUtc < _staleTempBefore)
        {
            Add(new RotationAction(RotationActionKind.RemoveTempFile, Path.Combine(directory, entry.Name), entry.Length,
                "temp file of an interrupted write") { Run = run });
        }
    }

    private static RunFolderInfo? ReadRunInfo(DirectoryListing listing)
    {
        foreach (var entry in listing.Entries)
        {
            if (entry.Name == RunManifestName)
            {
                return entry.Type == TreeEntryType.File && entry.Length is > 0 and <= MaxManifestBytes
                    ? RunFolderInfo.TryRead(Path.Combine(listing.Path, entry.Name))
                    : null;
            }
        }
        return null;
    }

    private static DateTimeOffset? ManifestTime(DirectoryListing listing)
    {
        foreach (var entry in listing.Entries)
        {
            if (entry.Name == RunManifestName) return entry.LastWriteUtc;
        }
        return null;
    }

    private static DateTimeOffset? ContentTime(string path, long length) =>
        length <= MaxManifestBytes && RunFolderInfo.TryRead(path) is { } content ? content.EndedUtc ?? content.StartedUtc : null;

    /// <summary>A folder under runs/ with what its run.json says.</summary>
    private sealed record RunCandidate(string Name, RunFolderInfo? Info, DirectoryListing Listing);

    /// <summary>A summary whose name does not spell its number (ITER_SUMMARY_007.json): it keeps its name and an action of its own.</summary>
    private sealed record OddlyNamed(int Iteration, TreeEntry Entry, bool Compressed);

    private void Skip(string path, string reason, string? run) =>
        Add(new RotationAction(RotationActionKind.Skip, path, 0, reason) { Run = run });

    private void Add(RotationAction action) => _actions.Add(action);
}
