using System.Management.Automation;
using SoakPS.Engine;
using SoakPS.Engine.History;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Runs;
using SoakPS.Output;

namespace SoakPS.Commands;

/// <summary>Shows the guard state of the current or most recent run: freeze, cooldown, pause, holds, velocity budget, panic streak.</summary>
[Cmdlet(VerbsCommon.Get, "SoakTuningState", DefaultParameterSetName = SummarySet)]
[OutputType(typeof(SoakTuningState), ParameterSetName = new[] { SummarySet })]
[OutputType(typeof(SoakParameterGuardState), ParameterSetName = new[] { ByParameterSet })]
public sealed class GetSoakTuningStateCommand : SoakCmdlet
{
    private const string SummarySet = "Summary";
    private const string ByParameterSet = "ByParameter";

    /// <summary>One row per parameter: its value, whether it is frozen or held, and its velocity budget.</summary>
    [Parameter(ParameterSetName = ByParameterSet, Mandatory = true)]
    public SwitchParameter ByParameter { get; set; }

    protected override void ProcessRecord()
    {
        if (ResolveExistingLayout() is not { } layout) return;
        try
        {
            var view = TuningStateReader.Read(layout);
            var policy = view.Run.Profile is { } profile
                ? new ParameterResolver(new ProfileStore(layout)).Resolve(profile, null, null).Policy
                : SoakPolicy.Default;
            if (view.RebuiltFromJournal)
            {
                WriteWarning("TUNING_STATE.json is missing or invalid; showing the state rebuilt from the journal.");
            }
            if (!ByParameter)
            {
                WriteObject(new SoakTuningState(view, policy.Guards));
                return;
            }
            var live = new OverridesFile(layout).Read(ParameterCatalog.Default).Values;
            foreach (var name in ParameterCatalog.Default.Names)
            {
                WriteObject(new SoakParameterGuardState(view, policy.Guards, name, live is not null && live.TryGet(name, out var v) ? v : null));
            }
        }
        catch (SoakException e)
        {
            WriteNotFound(e);
        }
    }
}
