using SoakPS.Engine.Artifacts;
using SoakPS.Engine.Json;

namespace SoakPS.Engine.Runs;

/// <summary>
/// Streams a run's iteration summaries in iteration order, plain or compressed: each file is read as UTF-8 into one
/// reused buffer and parsed through compile-time contracts, and its summary is handed on before the next is read.
/// </summary>
public static class IterationSummaryReader
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
        if (layout.LatestRun.Exists && RunSession.ReadManifest(layout.LatestRun).RunId == runId)
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
    public static IEnumerable<IterationSummary> Read(RunFolder folder, IReadOnlyCollection<int>? iterations, int? last, Action<string, Exception> onUnreadable)
    {
        var files = IterationFiles.Enumerate(folder.Path);
        if (iterations is { Count: > 0 })
        {
            files = files.Where(f => iterations.Contains(f.Iteration));
        }
        if (last is > 0)
        {
            files = files.TakeLast(last.Value);
        }
        var buffer = new byte[16 * 1024];
        foreach (var file in files)
        {
            IterationSummary? summary = null;
            try
            {
                summary = SummaryJsonContext.Read(WithoutBom(InputFile.ReadBytes(file.Path, ref buffer)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or SoakException)
            {
                onUnreadable(file.Path, e);
            }
            if (summary is not null)
            {
                yield return summary;
            }
        }
    }

    private static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> content) => content.StartsWith(Utf8Bom) ? content[3..] : content;
}
