using System.Text.Json;
using SoakPS.Engine.Files;
using SoakPS.Engine.History;
using SoakPS.Engine.Kpi;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Observability;

/// <summary>A run (latest, or a past run by id; plain or compressed summaries) rendered as one self-contained HTML dashboard.</summary>
internal sealed record HtmlReport(string Html, RunManifest Manifest, int Iterations)
{
    /// <param name="onThresholdsUnknown">Told why the run's profile gives no KPI thresholds (the report is drawn without them).</param>
    public static HtmlReport Build(ArtifactLayout layout, string? runId, TimeProvider clock, Action<string, Exception> onUnreadable,
        Action<string>? onThresholdsUnknown = null)
    {
        var folder = IterationSummaryReader.FolderOf(layout, runId);
        var hasSummaries = Directory.Exists(folder.Path) && IterationFiles.List(folder.Path).Count > 0;
        if (!folder.Exists && !hasSummaries)
        {
            throw new SoakException("RunNotFound", SoakErrorKind.ObjectNotFound,
                $"No run to report in '{folder.Path}': it has neither run.json nor iteration summaries.", runId ?? folder.Path);
        }
        // A folder whose run.json was lost still has its summaries; the report names it by its folder.
        var manifest = folder.Exists ? RunManifest.Read(folder) : new RunManifest { RunId = runId ?? Path.GetFileName(folder.Path), Status = "unknown" };
        var history = RunHistory.FromFolder(folder, manifest, KpiOf(layout, manifest, onThresholdsUnknown), onUnreadable);
        var data = history.Snapshot(clock.GetUtcNow(), live: false);
        var html = DashboardPage.WithData("run " + manifest.RunId, JsonSerializer.Serialize(data, SoakJson.Compact));
        return new HtmlReport(html, manifest, data.Points.Count);
    }

    /// <summary>
    /// The KPI policy the run was judged by: its profile's, resolved by name as a resumed run resolves it; the defaults
    /// for a run without a profile; null (no threshold lines) when the profile can no longer be read.
    /// </summary>
    private static KpiPolicy? KpiOf(ArtifactLayout layout, RunManifest manifest, Action<string>? onThresholdsUnknown)
    {
        if (manifest.Profile is null) return SoakPolicy.Default.Kpi;
        try
        {
            return new ParameterResolver(new ProfileStore(layout)).Resolve(manifest.Profile, null, null).Policy.Kpi;
        }
        catch (SoakException e)
        {
            onThresholdsUnknown?.Invoke($"The report draws no KPI thresholds: profile '{manifest.Profile}' of run {manifest.RunId} cannot be read ({e.Message}).");
            return null;
        }
    }
}
