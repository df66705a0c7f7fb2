using System.Management.Automation;
using SoakPS.Engine;
using SoakPS.Engine.Rotation;
using SoakPS.Output;

namespace SoakPS.Commands;

/// <summary>
/// Artifact lifecycle: keeps the newest iteration summaries of finished runs by number, compresses old snapshots
/// (verified before the original goes), prunes old run folders, and reports the size against a budget.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "SoakRotation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SoakRotationResult), typeof(SoakRotationAction))]
public sealed class InvokeSoakRotationCommand : SoakCmdlet
{
    /// <summary>Newest iteration summaries kept per finished run, by iteration number.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int KeepSummaries { get; set; } = 100;

    /// <summary>Snapshots and earlier runs' summaries older than this many days are compressed to .json.gz.</summary>
    [Parameter]
    [ValidateRange(0.0, 36500.0)]
    public double CompressAfterDays { get; set; } = 7;

    /// <summary>Size budget of the artifact root in MB; going over it is reported with a warning.</summary>
    [Parameter]
    [ValidateRange(1L, 1L << 40)]
    public long MaxSizeMB { get; set; } = 500;

    /// <summary>Newest earlier runs kept under runs/; older run folders are removed. Default: keep all.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int KeepRuns { get; set; } = -1;

    /// <summary>Also output one SoakRotationAction per planned action (a run folder's old summaries are one), before the result.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    protected override void EndProcessing()
    {
        var layout = ResolveLayout(mustExist: true);
        var options = new RotationOptions
        {
            KeepSummaries = KeepSummaries,
            CompressAfterDays = CompressAfterDays,
            MaxSizeMB = MaxSizeMB,
            KeepRuns = KeepRuns >= 0 ? KeepRuns : null,
        };
        RotationResult result;
        try
        {
            options.Validate();
            WriteVerbose($"Planning rotation of {layout.Root}: keep {KeepSummaries} summaries per finished run, compress after {CompressAfterDays} days, budget {MaxSizeMB} MB.");
            var plan = RotationPlanner.Plan(layout, options, TimeProvider.System, StopToken);
            var whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && w is SwitchParameter { IsPresent: true };
            result = RotationExecutor.Execute(layout, plan, options, TimeProvider.System,
                action => ShouldProcess(action.Target, $"{action.Kind} ({action.Reason})"), whatIf, cancel: StopToken);
        }
        catch (SoakException e)
        {
            ThrowTerminating(e);
            return;
        }

        foreach (var action in result.Actions)
        {
            if (action.Outcome == RotationOutcome.Failed)
            {
                WriteError(ErrorRecords.Create("RotationActionFailed", ErrorCategory.WriteError, $"{action.Kind} of '{action.Target}' failed: {action.Error}", action.Path));
            }
            else if (action.Outcome == RotationOutcome.Skipped)
            {
                WriteVerbose($"Skipped '{action.Target}': {action.Error ?? action.Reason}.");
            }
            if (Detailed)
            {
                WriteObject(new SoakRotationAction(action));
            }
        }
        if (result.OverBudget)
        {
            WriteWarning($"The artifact root holds {result.BytesAfter / (1024.0 * 1024.0):0.0} MB, over the {result.MaxSizeMB} MB budget. Lower -KeepSummaries or -KeepRuns, or raise -MaxSizeMB.");
        }
        var output = new PSObject(new SoakRotationResult(result));
        if (result.WhatIf) output.TypeNames.Insert(0, SoakRotationResult.ProjectionTypeName);
        WriteObject(output);
    }
}
