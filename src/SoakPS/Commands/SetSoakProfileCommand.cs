using System.Collections;
using System.Management.Automation;
using SoakPS.Completion;
using SoakPS.Engine;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Profiles;
using SoakPS.Output;

namespace SoakPS.Commands;

/// <summary>
/// Activates a profile: resolves defaults &lt; profile &lt; $env:MM_RUNTIME_OVERRIDES_JSON &lt; -Set and writes
/// runtime_overrides.json atomically. -MigrateLegacy moves the older tool's files instead.
/// </summary>
[Cmdlet(VerbsCommon.Set, "SoakProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ProfileSet)]
[OutputType(typeof(SoakParameterValue), ParameterSetName = new[] { ProfileSet })]
[OutputType(typeof(SoakLegacyMigrationAction), ParameterSetName = new[] { MigrateSet })]
public sealed class SetSoakProfileCommand : SoakCmdlet
{
    private const string ProfileSet = "Profile";
    private const string MigrateSet = "MigrateLegacy";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ProfileSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    [Parameter(ParameterSetName = ProfileSet)]
    public Hashtable? Set { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = MigrateSet)]
    public SwitchParameter MigrateLegacy { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var layout = ResolveLayout();
            layout.RequireCreatable();
            if (MigrateLegacy)
            {
                var moved = new LegacyMigration(layout).Run(ShouldProcess, WriteVerbose);
                if (PassThru)
                {
                    foreach (var action in moved) WriteObject(new SoakLegacyMigrationAction(action));
                }
                return;
            }
            var resolved = ProfileActivation.Activate(layout, Name, ExplicitValues.From(Set), Environment.GetEnvironmentVariable(ParameterResolver.EnvironmentVariable),
                ShouldProcess, WriteVerbose, WriteWarning, TimeProvider.System, StopToken);
            if (resolved is not null && PassThru)
            {
                foreach (var value in SoakParameterValue.From(resolved)) WriteObject(value);
            }
        }
        catch (SoakException e)
        {
            ThrowTerminating(e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ThrowTerminating(new SoakException("ProfileWriteFailed", SoakErrorKind.WriteError, e.Message, ArtifactPath, e));
        }
    }
}
