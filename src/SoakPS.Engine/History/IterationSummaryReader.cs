using SoakPS.Engine.Files;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.History;

/// <summary>
/// Streams a run's iteration summaries in iteration order, plain or compressed: each file is read as UTF-8 into one
/// reused buffer and parsed in one pass when it has the runner's shape (through compile-time contracts otherwise),
/// and its summary is handed on before the next is read.
/// </summary>
internal static class IterationSummaryReader
{
    private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

    /// <summary>The run folder for a run id: latest/ when it holds that run (or no id is given), else runs/&lt;id&gt;/.</summary>
    public static RunFolder FolderOf(ArtifactLayout layout, string? runId)
    {
        if (string.IsNullOrEmpty(runId))
        {
            return layout.LatestRun;
        }
        SafeName.Check(runId, "run id");
        if (layout.LatestRun.Exists && RunManifest.Read(layout.LatestRun).RunId == runId)
        {
            return layout.LatestRun;
        }
        var folder = layout.Run(runId);
        if (!Directory.Exists(folder.Path))
        {
            throw new SoakException("RunNotFound", SoakErrorKind.ObjectNotFound, $"No run '{runId}' under '{layout.Root}'.", runId);
        }
        return folder;
    }

    /// <summary>Run ids present under the root: latest first, then runs/ by start time.</summary>
    /// <summary>The ids of the runs under the root, newest first (the run in latest/, then runs/ by name): what -RunId accepts.</summary>
    public static IReadOnlyList<string> RunIds(ArtifactLayout layout)
    {
        var ids = new List<string>();
        try
        {
            if (layout.LatestRun.Exists) ids.Add(RunManifest.Read(layout.LatestRun).RunId);
        }
        catch (SoakException)
        {
        }
        if (Directory.Exists(layout.Runs))
        {
            ids.AddRange(Directory.EnumerateDirectories(layout.Runs).Select(Path.GetFileName).OfType<string>()
                .Where(SafeName.IsValid).OrderByDescending(n => n, StringComparer.Ordinal));
        }
        return ids.Distinct(StringComparer.Ordinal).ToList();
    }

    public static IEnumerable<RunFolder> AllRuns(ArtifactLayout layout)
    {
        var runs = Directory.Exists(layout.Runs)
            ? Directory.EnumerateDirectories(layout.Runs).Select(d => new RunFolder(d)).Where(f => f.Exists || IterationFiles.List(f.Path).Count > 0)
            : Enumerable.Empty<RunFolder>();
        foreach (var run in runs.OrderBy(f => Path.GetFileName(f.Path), StringComparer.Ordinal))
        {
            yield return run;
        }
        if (layout.LatestRun.Exists)
        {
            yield return layout.LatestRun;
        }
    }

    /// <param name="onUnreadable">Told about a summary file that cannot be read; the stream goes on.</param>
    public static IEnumerable<IterationSummary> Read(RunFolder folder, IReadOnlyCollection<int>? iterations, int? last, Action<string, Exception> onUnreadable) =>
        Read(folder, iterations, last, summary => summary, onUnreadable);

    /// <summary>
    /// Streams summaries in iteration order while files are opened, parsed and projected on all cores a bounded batch
    /// ahead (<see cref="OrderedReadAhead"/>). <paramref name="project"/> runs on worker threads and must not touch
    /// the caller's state; <paramref name="onUnreadable"/> is called on the caller's thread, in iteration order.
    /// </summary>
    public static IEnumerable<T> Read<T>(RunFolder folder, IReadOnlyCollection<int>? iterations, int? last, Func<IterationSummary, T> project,
        Action<string, Exception> onUnreadable, CancellationToken cancel = default)
    {
        var files = IterationFiles.Enumerate(folder.Path);
        if (iterations is { Count: > 0 })
        {
            var wanted = iterations.ToHashSet();
            files = files.Where(f => wanted.Contains(f.Iteration));
        }
        if (last is > 0)
        {
            files = files.TakeLast(last.Value);
        }
        foreach (var (path, value, error) in OrderedReadAhead.Select(files, file => ReadOne(file.Path, project), cancel))
        {
            if (error is not null)
            {
                onUnreadable(path, error);
            }
            else
            {
                yield return value!;
            }
        }
    }

    [ThreadStatic]
    private static byte[]? _buffer;

    private static (string Path, T? Value, Exception? Error) ReadOne<T>(string path, Func<IterationSummary, T> project)
    {
        // One buffer per worker thread, reused for every file it reads.
        var buffer = _buffer ??= new byte[16 * 1024];
        try
        {
            var summary = SummaryJson.Read(WithoutBom(InputFile.ReadBytes(path, ref buffer)));
            return (path, project(summary), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or SoakException)
        {
            return (path, default, e);
        }
        finally
        {
            _buffer = buffer.Length <= 1024 * 1024 ? buffer : null;
        }
    }

    private static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> content) => content.StartsWith(Utf8Bom) ? content[3..] : content;
}
