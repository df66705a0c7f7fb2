using System.Text.Json;
using SoakPS.Engine.Files;

namespace SoakPS.Engine.Rotation;

/// <summary>rotation/ROTATION_LOG.jsonl: one line per rotation that changed (or tried to change) files, flushed to disk.</summary>
internal static class RotationLog
{
    private const int MaxListedFailures = 20;

    public static void Append(ArtifactLayout layout, RotationResult result, RotationOptions options)
    {
        Directory.CreateDirectory(layout.Rotation);
        ArtifactFileSystem.Current.AppendRecord(layout.RotationLog, Line(result, options));
    }

    public static byte[] Line(RotationResult result, RotationOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", result.StartedUtc.ToUniversalTime());
            writer.WriteNumber("removed", result.Removed);
            writer.WriteNumber("compressed", result.Compressed);
            writer.WriteNumber("skipped", result.Skipped);
            writer.WriteNumber("failed", result.Failed);
            writer.WriteNumber("declined", result.Declined);
            writer.WriteNumber("bytes_before", result.BytesBefore);
            writer.WriteNumber("bytes_after", result.BytesAfter);
            writer.WriteBoolean("over_budget", result.OverBudget);
            writer.WriteNumber("max_size_mb", result.MaxSizeMB);
            writer.WriteNumber("keep_summaries", options.KeepSummaries);
            writer.WriteNumber("compress_after_days", options.CompressAfterDays);
            if (options.KeepRuns is { } keepRuns) writer.WriteNumber("keep_runs", keepRuns); else writer.WriteNull("keep_runs");
            writer.WriteStartObject("taken");
            foreach (var kind in Enum.GetValues<RotationActionKind>())
            {
                if (result.Count(kind, RotationOutcome.Taken) is > 0 and var taken) writer.WriteNumber(JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString()), taken);
            }
            writer.WriteEndObject();
            writer.WriteStartArray("removed_runs");
            foreach (var run in result.Actions.Where(a => a.Kind == RotationActionKind.RemoveRunFolder && a.Outcome == RotationOutcome.Taken))
            {
                writer.WriteStringValue(run.Run);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("failures");
            var failures = result.Actions.Where(a => a.Outcome == RotationOutcome.Failed)
                .SelectMany(a => a.FileErrors.Count > 0 ? a.FileErrors : new[] { $"{a.Path}: {a.Error}" });
            foreach (var failure in failures.Take(MaxListedFailures))
            {
                writer.WriteStringValue(failure);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
