
using SoakPS.Engine.Files;

namespace SoakPS.Engine.Sources;

/// <summary>
/// Replays recorded edge reports: iteration n reads EDGE_REPORT_n.json (or n.json) from a folder, e.g. the
/// reports/ of an earlier run, so tuning decisions can be studied again on real data. A missing file is a source failure.
/// </summary>
internal sealed class ReplaySource : IEdgeReportSource
{
    public const string SourceName = "replay";
    public const string FolderOption = "replay_path";

    public ReplaySource(string folder)
    {
        Folder = Path.GetFullPath(folder);
        if (!Directory.Exists(Folder))
        {
            throw new SoakException("ReplayFolderNotFound", SoakErrorKind.ObjectNotFound, $"The replay folder '{Folder}' does not exist.", folder);
        }
    }

    public string Folder { get; }

    public static IEdgeReportSource Create(SourceSettings settings) => new ReplaySource(settings.Required(FolderOption, SourceName));

    public string Name => SourceName;

    /// <summary>Recorded reports stand for consecutive windows of market time, as when they were recorded.</summary>
    public SourceClock Clock => SourceClock.Market;

    public TimeSpan DefaultInterval => TimeSpan.Zero;

    public SourceSettings Settings => new(null, new Dictionary<string, string> { [FolderOption] = Folder });

    public Task<SourceResult> ObtainAsync(IterationContext context, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { $"EDGE_REPORT_{context.Iteration}.json", $"{context.Iteration}.json", $"EDGE_REPORT_{context.Iteration}.json.gz" })
        {
            var path = Path.Combine(Folder, name);
            if (File.Exists(path) && !File.GetAttributes(path).HasFlag(FileAttributes.ReparsePoint))
            {
                try
                {
                    return Task.FromResult(SourceResult.Report(InputFile.ReadText(path, EdgeReports.EdgeReportReader.MaxBytes)));
                }
                catch (Exception e) when (e is SoakException or IOException or UnauthorizedAccessException)
                {
                    // An unreadable recording makes this iteration invalid; the study goes on with the next one.
                    return Task.FromResult(SourceResult.Failure($"the recorded report {name} cannot be read: {e.Message}"));
                }
            }
        }
        return Task.FromResult(SourceResult.Failure($"no recorded report for iteration {context.Iteration} in {Folder}"));
    }

    public void Dispose() { }
}
