using System.Globalization;
using System.Text.Json;

namespace SoakPS.Engine.Rotation;

/// <summary>What rotation needs from a run's run.json: who it is, whether it is still running, when it started and ended.</summary>
internal sealed record RunFolderInfo(string? RunId, string? Status, DateTimeOffset? StartedUtc, DateTimeOffset? EndedUtc)
{
    public const string Running = "running";

    public bool IsRunning => string.Equals(Status, Running, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads run.json; null when it is missing or not a JSON object (the run's state is then unknown).</summary>
    /// <remarks>
    /// One forward pass of the JSON reader rather than a parsed document: a fresh process (a scheduled rotation) pays
    /// the document's first use for four fields. It means what the document read meant: the whole file must be valid
    /// JSON, only the root object's own properties count, the last of a repeated name wins, and a field that is not a
    /// string reads as absent.
    /// </remarks>
    public static RunFolderInfo? TryRead(string runManifest)
    {
        try
        {
            var reader = new Utf8JsonReader(File.ReadAllBytes(runManifest));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            string? runId = null, status = null;
            DateTimeOffset? started = null, ended = null;
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1) continue;
                if (reader.ValueTextEquals("run_id"u8)) runId = NextString(ref reader);
                else if (reader.ValueTextEquals("status"u8)) status = NextString(ref reader);
                else if (reader.ValueTextEquals("started_utc"u8)) started = NextTime(ref reader);
                else if (reader.ValueTextEquals("ended_utc"u8)) ended = NextTime(ref reader);
            }
            return new RunFolderInfo(runId, status, started, ended);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Moves to a property's value: its string, or null for any other kind (whose contents the caller's loop reads on).</summary>
    private static string? NextString(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

    /// <remarks>
    /// A time with its offset, as the runner writes it, is read by JSON's own ISO 8601 parser: the general parse below costs
    /// 11-12 ms on its first use in a process, a twentieth of a daily rotation. Anything else (no offset, another layout)
    /// still goes to the general parse, which takes a time without an offset as UTC.
    /// </remarks>
    private static DateTimeOffset? NextTime(ref Utf8JsonReader reader)
    {
        if (NextString(ref reader) is not { } s) return null;
        if (HasOffset(s) && reader.TryGetDateTimeOffset(out var iso)) return iso;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
    }

    /// <summary>Ends in Z or ±hh:mm: JSON's parser would otherwise take the machine's own offset, not UTC.</summary>
    private static bool HasOffset(string s) =>
        s.EndsWith('Z') || (s.Length > 6 && s[^6] is '+' or '-' && s[^3] == ':');
}
