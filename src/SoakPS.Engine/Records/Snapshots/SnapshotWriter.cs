using System.Text.Json;
using SoakPS.Engine.Files;
using SoakPS.Engine.Json;

namespace SoakPS.Engine.Records.Snapshots;

/// <summary>Writes the end-of-run snapshot, snapshots/&lt;run_id&gt;_&lt;ended yyyyMMddTHHmmssZ&gt;.json, atomically.</summary>
internal static class SnapshotWriter
{
    /// <returns>The path written.</returns>
    public static string Write(ArtifactLayout layout, RunSnapshot snapshot)
    {
        var path = Path.Combine(layout.Snapshots, SnapshotFile.FileName(snapshot.RunId, snapshot.EndedUtc));
        AtomicFile.WriteAllBytes(path, ToJson(snapshot));
        return path;
    }

    public static byte[] ToJson(RunSnapshot snapshot)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("run_id", snapshot.RunId);
            writer.WriteString("started_utc", snapshot.StartedUtc.ToUniversalTime());
            writer.WriteString("ended_utc", snapshot.EndedUtc.ToUniversalTime());
            writer.WriteString("status", snapshot.Status);
            writer.WriteString("verdict", snapshot.Verdict);
            writer.WriteString("profile", snapshot.Profile);
            writer.WriteString("source", snapshot.Source);
            if (snapshot.Seed is { } seed) writer.WriteNumber("seed", seed); else writer.WriteNull("seed");
            writer.WriteNumber("iterations_planned", snapshot.IterationsPlanned);
            writer.WriteNumber("iterations_completed", snapshot.IterationsCompleted);
            writer.WritePropertyName("final_parameters");
            snapshot.FinalParameters.WriteTo(writer);
            writer.WriteStartObject("summary");
            writer.WriteStartObject("count_by_verdict");
            foreach (var (verdict, count) in snapshot.Summary.CountByVerdict.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(verdict, count);
            }
            writer.WriteEndObject();
            if (snapshot.Summary.MeanNetBps is { } mean) writer.WriteNumber("mean_net_bps", JsonNumbers.Metric(mean)); else writer.WriteNull("mean_net_bps");
            writer.WriteNumber("applies", snapshot.Summary.Applies);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
