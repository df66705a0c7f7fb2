using System.Globalization;
using System.Text;
using System.Text.Json;
using SoakPS.Engine.Files;
using SoakPS.Engine.History;
using SoakPS.Engine.Json;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Canary;

/// <summary>Writes the canary report as JSON and Markdown, each atomically, streaming the iterations from their summaries.</summary>
internal static class CanaryReportWriter
{
    private static readonly string[] Parameters =
        { "base_spread_bps_delta", "impact_cap_ratio", "max_delta_ratio", "min_interval_ms", "replace_rate_per_min", "tail_age_ms" };

    public static void Write(string latestFolder, RunManifest manifest, CanaryTotals totals)
    {
        var folder = new RunFolder(latestFolder);
        CountIterations(folder, totals);
        AtomicFile.Write(Path.Combine(latestFolder, CanaryReportObserver.JsonFile), stream => WriteJson(stream, folder, manifest, totals));
        AtomicFile.Write(Path.Combine(latestFolder, CanaryReportObserver.MarkdownFile), stream => WriteMarkdown(stream, folder, manifest, totals));
    }

    private static void CountIterations(RunFolder folder, CanaryTotals totals)
    {
        totals.Verdicts.Clear();
        totals.GuardEvents.Clear();
        totals.Applies = 0;
        foreach (var s in Iterations(folder))
        {
            Add(totals.Verdicts, s.Kpi.Verdict.ToString());
            foreach (var e in s.Tuning.Events) Add(totals.GuardEvents, e.Guard);
            if (s.Tuning.Applied) totals.Applies++;
        }
    }

    private static void Add(SortedDictionary<string, int> counts, string key) => counts[key] = (counts.TryGetValue(key, out var c) ? c : 0) + 1;

    private static IEnumerable<IterationSummary> Iterations(RunFolder folder) => IterationSummaryReader.Read(folder, null, null, (_, _) => { });

    private static void WriteJson(Stream stream, RunFolder folder, RunManifest m, CanaryTotals totals)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("run_id", m.RunId);
        w.WriteString("source", m.Source);
        if (m.Seed is { } seed) w.WriteNumber("seed", seed); else w.WriteNull("seed");
        w.WriteString("profile", m.Profile);
        w.WriteBoolean("auto_tune", m.AutoTune);
        w.WriteNumber("iteration_minutes", m.IterationMinutes);
        w.WriteNumber("iterations_planned", m.IterationsPlanned);
        w.WriteNumber("iterations_completed", m.IterationsCompleted);
        w.WriteString("status", m.Status);
        w.WriteString("run_verdict", m.Verdict);
        Counts(w, "verdicts", totals.Verdicts);
        w.WriteNumber("applies", totals.Applies);
        Counts(w, "guard_events", totals.GuardEvents);
        Counts(w, "guard_counters", totals.Counters);
        w.WriteNumber("simulated_events", totals.SimulatedEvents);
        w.WriteNumber("wall_seconds", Math.Round(totals.Wall.TotalSeconds, 3));
        w.WriteNumber("peak_working_set_bytes", totals.PeakWorkingSetBytes);
        w.WriteNumber("peak_managed_heap_bytes", totals.PeakManagedHeapBytes);
        w.WriteStartArray("iterations");
        foreach (var s in Iterations(folder))
        {
            w.WriteStartObject();
            w.WriteNumber("iteration", s.Iteration);
            w.WriteString("regime", s.Regime);
            w.WriteString("verdict", s.Kpi.Verdict.ToString());
            Number(w, "net_bps", s.Summary.NetBps);
            Number(w, "risk_ratio", s.Summary.RiskRatio);
            Number(w, "adverse_bps_p95", s.Summary.AdverseBpsP95);
            w.WriteBoolean("applied", s.Tuning.Applied);
            w.WriteString("skip_reason", s.Tuning.SkipReason);
            w.WriteStartArray("guard_events");
            foreach (var e in s.Tuning.Events) w.WriteStringValue($"{e.Guard}: {e.Message}");
            w.WriteEndArray();
            w.WriteStartObject("parameters");
            foreach (var (name, value) in s.Tuning.Overrides)
            {
                w.WritePropertyName(name);
                JsonNumbers.WriteDecimal(w, value);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteMarkdown(Stream stream, RunFolder folder, RunManifest m, CanaryTotals totals)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 65536, leaveOpen: true);
        w.WriteLine($"# Canary report: run {C(m.RunId)}");
        w.WriteLine();
        w.WriteLine($"- Run verdict: **{m.Verdict ?? "none"}** ({C(m.Status)}, {m.IterationsCompleted} of {m.IterationsPlanned} iterations of {F(m.IterationMinutes)} min market time)");
        w.WriteLine($"- Source: {C(m.Source)}, seed {m.Seed?.ToString(CultureInfo.InvariantCulture) ?? "none"}, profile {C(m.Profile ?? "(none)")}, auto-tune {(m.AutoTune ? "on" : "off")}");
        w.WriteLine($"- Iteration verdicts: {string.Join(", ", totals.Verdicts.Select(v => $"{v.Key} {v.Value}"))}");
        w.WriteLine($"- Applies: {totals.Applies}; guard events: {(totals.GuardEvents.Count == 0 ? "none" : string.Join(", ", totals.GuardEvents.Select(g => $"{C(g.Key)} {g.Value}")))}");
        w.WriteLine($"- Wall time {F(totals.Wall.TotalSeconds)} s, {totals.SimulatedEvents.ToString("N0", CultureInfo.InvariantCulture)} simulated market events, peak working set {totals.PeakWorkingSetBytes / 1048576} MB, peak managed heap {totals.PeakManagedHeapBytes / 1048576} MB");
        w.WriteLine();
        w.WriteLine("## Iterations and parameter trajectory");
        w.WriteLine();
        w.WriteLine($"| # | regime | verdict | net_bps | risk_ratio | applied | {string.Join(" | ", Parameters)} | guard events |");
        w.WriteLine($"|---|---|---|---|---|---|{string.Concat(Parameters.Select(_ => "---|"))}---|");
        foreach (var s in Iterations(folder))
        {
            var values = Parameters.Select(p => s.Tuning.Overrides.TryGetValue(p, out var v) ? JsonNumbers.Format(v) : "");
            var events = C(string.Join("; ", s.Tuning.Events.Select(e => $"{e.Guard}: {e.Message}")));
            w.WriteLine($"| {s.Iteration} | {C(s.Regime)} | {s.Kpi.Verdict} | {F(s.Summary.NetBps)} | {F(s.Summary.RiskRatio)} | {(s.Tuning.Applied ? "yes" : "")} | {string.Join(" | ", values)} | {events} |");
        }
    }

    private static void Counts(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, int> counts)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in counts) w.WriteNumber(key, value);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, Math.Round(v, 4)); else w.WriteNull(name);
    }

    /// <summary>Every value that comes from data goes through this on its way into the Markdown.</summary>
    private static string C(string? text) => MarkdownCell.Escape(text);

    private static string F(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "";
}
