using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using SoakPS.Engine.Files;
using SoakPS.Engine.Json;
using SoakPS.Engine.Parameters;

namespace SoakPS.Engine.Records.Snapshots;

/// <summary>
/// Reads snapshots in every form they are stored in: .json, .json.gz, and the older tool's .json.tar.gz. Archives
/// are read in memory and never extracted, so a hostile entry path cannot reach the disk; such an archive is refused.
/// </summary>
internal static class SnapshotReader
{
    /// <summary>A snapshot is a few kilobytes; anything that inflates beyond this is refused rather than read.</summary>
    public const int MaxSnapshotBytes = 64 * 1024 * 1024;

    /// <summary>The snapshots of a root, oldest first; when one snapshot exists in several forms, the plain file wins.</summary>
    public static IReadOnlyList<SnapshotFile> List(ArtifactLayout layout, string? runId = null)
    {
        var directory = new DirectoryInfo(layout.Snapshots);
        if (!directory.Exists || directory.LinkTarget is not null)
        {
            return Array.Empty<SnapshotFile>();
        }
        var byStem = new Dictionary<string, SnapshotFile>(StringComparer.Ordinal);
        foreach (var file in directory.EnumerateFiles())
        {
            if (file.LinkTarget is not null || AtomicFile.IsTempFile(file.Name) || !SnapshotFile.TryParse(file.FullName, out var snapshot))
            {
                continue;
            }
            if (runId is not null && !string.Equals(snapshot.RunId, runId, StringComparison.Ordinal))
            {
                continue;
            }
            if (!byStem.TryGetValue(snapshot.Stem, out var existing) || snapshot.Format < existing.Format)
            {
                byStem[snapshot.Stem] = snapshot;
            }
        }
        return byStem.Values
            .OrderBy(s => s.TakenUtc ?? DateTimeOffset.MinValue)
            .ThenBy(s => s.Stem, StringComparer.Ordinal)
            .ToArray();
    }

    public static RunSnapshot Read(string path)
    {
        var bytes = ReadBytes(path);
        try
        {
            return Parse(bytes);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new SoakException("InvalidSnapshot", SoakErrorKind.InvalidData, $"The snapshot '{path}' is not a valid snapshot: {e.Message}", path, e);
        }
    }

    /// <summary>The snapshot's JSON bytes, whatever its storage form.</summary>
    public static byte[] ReadBytes(string path)
    {
        if (!SnapshotFile.TryParse(path, out var snapshot))
        {
            throw new SoakException("InvalidSnapshot", SoakErrorKind.InvalidArgument, $"'{path}' is not named like a snapshot (.json, .json.gz or .json.tar.gz).", path);
        }
        try
        {
            return snapshot.Format switch
            {
                SnapshotFormat.Json => ReadCapped(File.OpenRead(path), path),
                SnapshotFormat.Gzip => ReadCapped(new GZipStream(File.OpenRead(path), CompressionMode.Decompress), path),
                _ => ReadLegacyTar(path),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException)
        {
            throw new SoakException("SnapshotUnreadable", SoakErrorKind.ReadError, $"The snapshot '{path}' cannot be read: {e.Message}", path, e);
        }
    }

    private static byte[] ReadLegacyTar(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        byte[]? json = null;
        while (tar.GetNextEntry() is { } entry)
        {
            if (!IsSafeEntryName(entry.Name))
            {
                throw new SoakException("UnsafeArchiveEntry", SoakErrorKind.SecurityError,
                    $"The archive '{path}' has an entry '{entry.Name}' that points outside its folder; it is not read.", path);
            }
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null
                || !entry.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (json is not null)
            {
                throw new SoakException("InvalidSnapshot", SoakErrorKind.InvalidData, $"The archive '{path}' holds more than one JSON entry.", path);
            }
            json = ReadCapped(entry.DataStream, path, dispose: false);
        }
        return json ?? throw new SoakException("InvalidSnapshot", SoakErrorKind.InvalidData, $"The archive '{path}' holds no JSON entry.", path);
    }

    /// <summary>An entry name that stays inside the folder it would be extracted to: relative, without "..".</summary>
    public static bool IsSafeEntryName(string name)
    {
        if (string.IsNullOrEmpty(name) || name[0] is '/' or '\\' || name.Contains(':') || Path.IsPathRooted(name))
        {
            return false;
        }
        foreach (var segment in name.Split('/', '\\'))
        {
            if (segment == "..") return false;
        }
        return true;
    }

    private static byte[] ReadCapped(Stream source, string path, bool dispose = true)
    {
        try
        {
            return InputFile.ReadAtMost(source, MaxSnapshotBytes, () => new SoakException("SnapshotTooLarge", SoakErrorKind.InvalidData,
                $"The snapshot '{path}' is larger than {MaxSnapshotBytes / (1024 * 1024)} MB once read; it is not read.", path));
        }
        finally
        {
            if (dispose) source.Dispose();
        }
    }

    private static RunSnapshot Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var parameters = new List<KeyValuePair<string, decimal>>();
        if (root.TryGetProperty("final_parameters", out var final) && final.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in final.EnumerateObject()) parameters.Add(new(p.Name, p.Value.GetDecimal()));
        }
        var byVerdict = new SortedDictionary<string, int>(StringComparer.Ordinal);
        double? mean = null;
        var applies = 0;
        if (root.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Object)
        {
            if (summary.TryGetProperty("count_by_verdict", out var counts) && counts.ValueKind == JsonValueKind.Object)
            {
                foreach (var c in counts.EnumerateObject()) byVerdict[c.Name] = c.Value.GetInt32();
            }
            mean = OptionalDouble(summary, "mean_net_bps");
            applies = summary.TryGetProperty("applies", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetInt32() : 0;
        }
        return new RunSnapshot(
            RunId: root.GetProperty("run_id").GetString() ?? throw new FormatException("run_id is null."),
            StartedUtc: OptionalTime(root, "started_utc") ?? DateTimeOffset.MinValue,
            EndedUtc: OptionalTime(root, "ended_utc") ?? DateTimeOffset.MinValue,
            Status: JsonFields.OptionalString(root, "status") ?? "unknown",
            Verdict: JsonFields.OptionalString(root, "verdict"),
            Profile: JsonFields.OptionalString(root, "profile"),
            Source: JsonFields.OptionalString(root, "source") ?? string.Empty,
            Seed: root.TryGetProperty("seed", out var seed) && seed.ValueKind == JsonValueKind.Number ? seed.GetInt32() : null,
            IterationsPlanned: OptionalInt(root, "iterations_planned"),
            IterationsCompleted: OptionalInt(root, "iterations_completed"),
            FinalParameters: new ParameterSet(parameters),
            Summary: new RunSnapshotSummary(byVerdict, mean, applies));
    }

    private static int OptionalInt(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;

    private static double? OptionalDouble(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static DateTimeOffset? OptionalTime(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;
}
