using System.Management.Automation;
using SoakPS.Completion;
using SoakPS.Engine;
using SoakPS.Engine.Files;
using SoakPS.Engine.Observability;
using SoakPS.Output;

namespace SoakPS.Commands;

/// <summary>
/// Writes a run (the latest, or a past one by id; compressed summaries too) as one self-contained HTML dashboard: the
/// live page's charts, verdicts, guard events and overrides, with every script, style and datum inside the file.
/// </summary>
[Cmdlet(VerbsData.Export, "SoakReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(SoakReportFile))]
public sealed class ExportSoakReportCommand : SoakCmdlet
{
    /// <summary>Where to write the HTML file.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>The run to report; default the current or most recent run (latest/).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RunIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? RunId { get; set; }

    /// <summary>Replace the file even if it is read-only.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Reports already written by this call: piped iterations of one run make one report, not one per iteration.</summary>
    private readonly HashSet<(string Root, string? RunId, string Target)> _written = new();

    protected override void ProcessRecord()
    {
        var layout = ResolveLayout(mustExist: true);
        var target = GetUnresolvedProviderPathFromPSPath(Path);
        if (!_written.Add((layout.Root, RunId, target)))
        {
            return;
        }
        HtmlReport report;
        try
        {
            target = OutputFile.Check(target, "report file", "ReportPathIsDirectory", layout, Force);
            report = HtmlReport.Build(layout, RunId, TimeProvider.System, (file, e) =>
                WriteError(ErrorRecords.Create("UnreadableIterationSummary", ErrorCategory.ReadError, $"Cannot read '{file}': {e.Message}", file)),
                WriteWarning);
        }
        catch (SoakException e)
        {
            ThrowTerminating(e);
            return;
        }
        if (!ShouldProcess(target, $"Write the HTML report of run {report.Manifest.RunId} ({report.Iterations} iterations)"))
        {
            return;
        }
        try
        {
            AtomicFile.WriteAllText(target, report.Html);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(ErrorRecords.Create("ReportWriteFailed", ErrorCategory.WriteError, $"Cannot write '{target}': {e.Message}", target));
        }
        WriteObject(new SoakReportFile(report, target));
    }
}
