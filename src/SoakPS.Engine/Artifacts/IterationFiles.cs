using System.Globalization;
using System.Text.RegularExpressions;

namespace SoakPS.Engine.Artifacts;

/// <summary>An ITER_SUMMARY_&lt;n&gt; file (plain or .gz) found in a run folder.</summary>
public sealed record IterationFile(int Iteration, string Path, bool Compressed);

/// <summary>
/// Finds iteration summaries by their number, never by name or time (ITER_SUMMARY_10 after ITER_SUMMARY_9), with
/// no gap stopping the scan and files of other names (ITER_SUMMARY_x.json) ignored.
/// </summary>
public static partial class IterationFiles
{
    [GeneratedRegex(@"^ITER_SUMMARY_(\d{1,9})\.json(\.gz)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string fileName, out int iteration, out bool compressed)
    {
        var match = Pattern().Match(fileName);
        iteration = 0;
        compressed = false;
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out iteration))
        {
            return false;
        }
        compressed = match.Groups[2].Success;
        return true;
    }

    /// <summary>All summaries of a run folder in iteration order; when both n.json and n.json.gz exist, the plain file wins.</summary>
    public static IReadOnlyList<IterationFile> List(string runFolder)
    {
        if (!Directory.Exists(runFolder))
        {
            return Array.Empty<IterationFile>();
        }
        var byNumber = new SortedDictionary<int, IterationFile>();
        foreach (var path in Directory.EnumerateFiles(runFolder, "ITER_SUMMARY_*"))
        {
            if (!TryParse(System.IO.Path.GetFileName(path), out var n, out var gz))
            {
                continue;
            }
            if (!byNumber.TryGetValue(n, out var existing) || (existing.Compressed && !gz))
            {
                byNumber[n] = new IterationFile(n, path, gz);
            }
        }
        return byNumber.Values.ToArray();
    }
}
