using SoakPS.Engine.Observability;

namespace SoakPS.Output;

/// <summary>What Export-SoakReport wrote: the HTML file and the run it shows.</summary>
public sealed class SoakReportFile
{
    internal SoakReportFile(HtmlReport report, string path)
    {
        Path = path;
        RunId = report.Manifest.RunId;
        Status = report.Manifest.Status;
        Verdict = report.Manifest.Verdict;
        Iterations = report.Iterations;
        Bytes = System.Text.Encoding.UTF8.GetByteCount(report.Html);
    }

    public string Path { get; }
    public string RunId { get; }
    public string Status { get; }
    public string? Verdict { get; }
    public int Iterations { get; }
    public long Bytes { get; }
}
