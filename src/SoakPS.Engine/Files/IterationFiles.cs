using System.IO.Enumeration;

namespace SoakPS.Engine.Files;

/// <summary>An ITER_SUMMARY_&lt;n&gt; file (plain or .gz) found in a run folder.</summary>
internal sealed record IterationFile(int Iteration, string Path, bool Compressed);

/// <summary>
/// Finds iteration summaries by their number, never by name or time (ITER_SUMMARY_10 after ITER_SUMMARY_9), with
/// no gap stopping the scan and files of other names (ITER_SUMMARY_x.json) ignored. A scan keeps only each file's
/// number and form (8 bytes), reading names from the directory without a stat per file; paths are made as files are handed out.
/// </summary>
internal static class IterationFiles
{
    private const string Prefix = "ITER_SUMMARY_";
    private const int MaxDigits = 9;

    private static readonly EnumerationOptions Options = new() { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = true };

    public static bool TryParse(string fileName, out int iteration, out bool compressed) => TryParse(fileName.AsSpan(), out iteration, out compressed);

    /// <summary>ITER_SUMMARY_&lt;1 to 9 ASCII digits&gt;.json, optionally .gz.</summary>
    public static bool TryParse(ReadOnlySpan<char> fileName, out int iteration, out bool compressed)
    {
        iteration = 0;
        compressed = false;
        if (!fileName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = fileName[Prefix.Length..];
        var digits = 0;
        while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
        {
            digits++;
        }
        if (digits is 0 or > MaxDigits)
        {
            return false;
        }
        var suffix = rest[digits..];
        if (!suffix.SequenceEqual(".json") && !suffix.SequenceEqual(".json.gz"))
        {
            return false;
        }
        foreach (var c in rest[..digits])
        {
            iteration = iteration * 10 + (c - '0');
        }
        compressed = suffix.Length > ".json".Length;
        return true;
    }

    /// <summary>False for a summary name with leading zeros (ITER_SUMMARY_007.json): its number does not give its name back.</summary>
    public static bool SpellsItsNumber(ReadOnlySpan<char> summaryName) =>
        !(summaryName[Prefix.Length] == '0' && char.IsAsciiDigit(summaryName[Prefix.Length + 1]));

    /// <summary>All summaries of a run folder in iteration order; when both n.json and n.json.gz exist, the plain file wins.</summary>
    public static IReadOnlyList<IterationFile> List(string runFolder) => Enumerate(runFolder).ToArray();

    /// <summary>As <see cref="List"/>, handing out one file at a time.</summary>
    public static IEnumerable<IterationFile> Enumerate(string runFolder)
    {
        if (!Directory.Exists(runFolder))
        {
            yield break;
        }
        // Key n*2+1 for a plain file, n*2 for .gz: sorted descending within a number, the plain file comes first.
        // A name with leading zeros (ITER_SUMMARY_007.json) cannot be rebuilt from its number: those few keep their name.
        Dictionary<long, string>? unusual = null;
        var keys = new FileSystemEnumerable<long>(runFolder, (ref FileSystemEntry entry) =>
        {
            _ = TryParse(entry.FileName, out var number, out var gz); // IsSummary admitted only names that parse.
            var key = ((long)number << 1) | (gz ? 0L : 1L);
            if (!SpellsItsNumber(entry.FileName))
            {
                (unusual ??= new())[key] = entry.FileName.ToString();
            }
            return key;
        }, Options) { ShouldIncludePredicate = IsSummary }.ToList();
        keys.Sort((a, b) => (a >> 1) != (b >> 1) ? (a >> 1).CompareTo(b >> 1) : b.CompareTo(a));
        var previous = -1L;
        foreach (var key in keys)
        {
            var n = (int)(key >> 1);
            if (n == previous)
            {
                continue;
            }
            previous = n;
            var compressed = (key & 1) == 0;
            var name = unusual?.GetValueOrDefault(key) ?? $"{Prefix}{n}.json{(compressed ? ".gz" : string.Empty)}";
            yield return new IterationFile(n, Path.Combine(runFolder, name), compressed);
        }
    }

    private static bool IsSummary(ref FileSystemEntry entry) => !entry.IsDirectory && TryParse(entry.FileName, out _, out _);
}
