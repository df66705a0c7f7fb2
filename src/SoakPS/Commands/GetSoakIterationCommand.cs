using System.Management.Automation;
using SoakPS.Completion;
using SoakPS.Engine;
using SoakPS.Engine.History;
using SoakPS.Engine.Runs;
using SoakPS.Output;

namespace SoakPS.Commands;

/// <summary>Reads iteration summaries of the current or a past run (plain or compressed) as typed objects, in iteration order.</summary>
[Cmdlet(VerbsCommon.Get, "SoakIteration", DefaultParameterSetName = RunSet)]
[OutputType(typeof(SoakIteration))]
public sealed class GetSoakIterationCommand : SoakCmdlet
{
    private const string RunSet = "Run";
    private const string AllRunsSet = "All";

    /// <summary>The run to read; default: the current or most recent run (latest/).</summary>
    [Parameter(ParameterSetName = RunSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RunIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? RunId { get; set; }

    /// <summary>Read every run under the artifact root, oldest first.</summary>
    [Parameter(ParameterSetName = AllRunsSet, Mandatory = true)]
    public SwitchParameter AllRuns { get; set; }

    /// <summary>Only these iteration numbers.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int[]? Iteration { get; set; }

    /// <summary>Only the last N iterations (by number) of each run.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Last { get; set; }

    protected override void ProcessRecord()
    {
        if (ResolveExistingLayout() is not { } layout) return;
        var found = new HashSet<int>();
        try
        {
            var folders = AllRuns ? IterationSummaryReader.AllRuns(layout) : new[] { IterationSummaryReader.FolderOf(layout, RunId) };
            foreach (var folder in folders)
            {
                WriteVerbose($"Reading iteration summaries from {folder.Path}.");
                // Output objects are made on the reader's worker threads; only WriteObject/WriteError run here.
                var iterations = IterationSummaryReader.Read(folder, Iteration, Last > 0 ? Last : null, summary => SoakIteration.From(summary, layout.Root), (path, e) =>
                    WriteError(ErrorRecords.Create("UnreadableIterationSummary", ErrorCategory.ReadError, $"Cannot read '{path}': {e.Message}", path)), StopToken);
                foreach (var iteration in iterations)
                {
                    StopToken.ThrowIfCancellationRequested();
                    found.Add(iteration.Iteration);
                    WriteObject(iteration);
                }
            }
        }
        catch (SoakException e)
        {
            WriteNotFound(e);
            return;
        }
        foreach (var missing in (Iteration ?? Array.Empty<int>()).Where(n => !found.Contains(n)).Distinct())
        {
            WriteError(ErrorRecords.Create("IterationNotFound", ErrorCategory.ObjectNotFound,
                $"No iteration {missing} in {(AllRuns ? "any run" : RunId is null ? "the current run" : "run " + RunId)} under '{layout.Root}'.", missing));
        }
    }
}
