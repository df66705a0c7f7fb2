using System.Management.Automation;
using SoakPS.Completion;
using SoakPS.Engine;
using SoakPS.Engine.Json;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Undo;
using SoakPS.Output;

namespace SoakPS.Commands;

/// <summary>Reverts applied tuning through the journal: the last N applies, back to an iteration, or to a profile.</summary>
[Cmdlet(VerbsCommon.Undo, "SoakTuning", DefaultParameterSetName = StepsSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(SoakParameterChange))]
public sealed class UndoSoakTuningCommand : SoakCmdlet
{
    private const string StepsSet = "Steps";
    private const string IterationSet = "ToIteration";
    private const string ProfileSet = "ToProfile";

    /// <summary>How many of the most recent applies to take back. Default 1.</summary>
    [Parameter(ParameterSetName = StepsSet, Position = 0)]
    [ValidateRange(1, 100_000)]
    public int Steps { get; set; } = 1;

    /// <summary>Restore the values in force after this iteration (0: the start of the run).</summary>
    [Parameter(ParameterSetName = IterationSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Iteration")]
    [ValidateRange(0, int.MaxValue)]
    public int ToIteration { get; set; }

    /// <summary>The run the iteration belongs to (bound from a piped SoakIteration); the undo is refused unless it governs the live file.</summary>
    [Parameter(ParameterSetName = IterationSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RunIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? RunId { get; set; }

    /// <summary>Restore a profile's values.</summary>
    [Parameter(ParameterSetName = ProfileSet, Mandatory = true)]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? ToProfile { get; set; }

    protected override void ProcessRecord()
    {
        var layout = ResolveLayout(mustExist: true);
        var target = ParameterSetName switch
        {
            IterationSet => new UndoTarget(ToIteration: ToIteration, RunId: RunId),
            ProfileSet => new UndoTarget(ToProfile: ToProfile),
            _ => new UndoTarget(Steps: Steps),
        };
        try
        {
            var profiles = new ParameterResolver(new ProfileStore(layout));
            var undo = new TuningUndo(layout, ParameterCatalog.Default, name => profiles.Resolve(name, null, null).Values, TimeProvider.System);
            var applied = false;
            var plan = undo.Run(target, p =>
            {
                var changes = string.Join(", ", p.Changes.Select(c => $"{c.Parameter} {JsonNumbers.Format(c.Before)}→{JsonNumbers.Format(c.After)}"));
                applied = ShouldProcess(layout.RuntimeOverrides, $"{p.Description}: {(changes.Length > 0 ? changes : "no value changes")}");
                return applied;
            });
            if (plan.RunId is not null && RunLockHolder(layout) is { } holder && applied)
            {
                WriteWarning($"A run is active ({holder}): it keeps this change and pauses its tuning before its next apply.");
            }
            if (plan.KeptAs is { } keptAs)
            {
                WriteWarning($"runtime_overrides.json was invalid; it was kept as '{keptAs}' before the undo replaced it.");
            }
            // A declined confirmation writes nothing to the pipeline; -WhatIf previews the changes it would make.
            if (!applied && !WhatIfRequested)
            {
                return;
            }
            foreach (var (parameter, before, after) in plan.Changes)
            {
                WriteObject(new SoakParameterChange(plan.RunId, parameter, before, after, plan.Description, !applied));
            }
        }
        catch (SoakException e)
        {
            WriteSoakError(e);
        }
    }

    private bool WhatIfRequested =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf) ? LanguagePrimitives.IsTrue(whatIf) : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference", false));

    private static Engine.Files.LockHolder? RunLockHolder(Engine.Files.ArtifactLayout layout) => Engine.Files.RunLock.ActiveHolder(layout);
}
