using System.Globalization;
using SoakPS.Engine.Files;

namespace SoakPS.Engine.Records.Snapshots;

/// <summary>How a snapshot is stored: plain JSON, gzip'd JSON (rotation), or the older tool's tar.gz with one JSON entry.</summary>
internal enum SnapshotFormat
{
    Json,
    Gzip,
    LegacyTarGzip,
}

/// <summary>A file in snapshots/ named &lt;run_id&gt;_&lt;yyyyMMddTHHmmssZ&gt;.json[.gz|.tar.gz].</summary>
internal sealed record SnapshotFile(string Path, string RunId, DateTimeOffset? TakenUtc, SnapshotFormat Format)
{
    public const string TimestampFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>The name without its storage extension: the same for a snapshot and its compressed form.</summary>
    public string Stem => StemOf(System.IO.Path.GetFileName(Path), out _)!;

    public static string FileName(string runId, DateTimeOffset takenUtc) =>
        $"{SafeName.Check(runId, "run id")}_{takenUtc.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture)}.json";

    /// <summary>Recognises a snapshot by name; the run id and time come from the name (null time when the name has none).</summary>
    public static bool TryParse(string path, out SnapshotFile snapshot)
    {
        snapshot = null!;
        var stem = StemOf(System.IO.Path.GetFileName(path), out var format);
        if (stem is null || stem.Length == 0 || stem.StartsWith('.'))
        {
            return false;
        }
        var underscore = stem.LastIndexOf('_');
        if (underscore > 0 && DateTimeOffset.TryParseExact(stem.AsSpan(underscore + 1), TimestampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var taken))
        {
            snapshot = new SnapshotFile(path, stem[..underscore], taken, format);
            return true;
        }
        snapshot = new SnapshotFile(path, stem, null, format);
        return true;
    }

    private static string? StemOf(string name, out SnapshotFormat format)
    {
        foreach (var (suffix, kind) in Suffixes)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                format = kind;
                return name[..^suffix.Length];
            }
        }
        format = default;
        return null;
    }

    // Longest first, so x.json.tar.gz is not taken for a .gz of "x.json.tar".
    private static readonly (string Suffix, SnapshotFormat Format)[] Suffixes =
    {
        (".json.tar.gz", SnapshotFormat.LegacyTarGzip),
        (".json.gz", SnapshotFormat.Gzip),
        (".json", SnapshotFormat.Json),
    };
}
