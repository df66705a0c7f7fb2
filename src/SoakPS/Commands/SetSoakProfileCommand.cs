using System.Collections;
using System.Management.Automation;
using SoakPS.Completion;
using SoakPS.Engine;
using SoakPS.Engine.Files;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Parameters;
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
                Migrate(layout);
                return;
            }
            Activate(layout);
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

    private void Activate(ArtifactLayout layout)
    {
        var environment = Environment.GetEnvironmentVariable(ParameterResolver.EnvironmentVariable);
        WriteVerbose($"Resolving profile '{Name}' under '{layout.Root}'" +
            (string.IsNullOrEmpty(environment) ? "." : $" with {ParameterResolver.EnvironmentVariable}={environment}."));
        var resolved = new ParameterResolver(new ProfileStore(layout)).Resolve(Name, ExplicitValues.From(Set), environment);
        var file = new OverridesFile(layout);
        foreach (var detail in resolved.Details)
        {
            WriteVerbose($"{detail.Name} = {Engine.Json.JsonNumbers.Format(detail.Value)} from {detail.Source} ({detail.SourceDetail})");
        }
        if (!ShouldProcess(file.Path, $"Write profile '{Name}': {resolved.Values}"))
        {
            return;
        }
        if (RunLock.ActiveHolder(layout) is { } holder)
        {
            WriteWarning($"A run is active on '{layout.Root}' ({holder}); it will apply these parameters from its next iteration.");
        }
        new OverridesGateway(layout, resolved.Catalog).ReplaceByOperator(resolved.Values, $"profile {Name} activated", TimeProvider.System.GetUtcNow(), StopToken);
        if (PassThru)
        {
            foreach (var value in SoakParameterValue.From(resolved)) WriteObject(value);
        }
    }

    private void Migrate(ArtifactLayout layout)
    {
        var migration = new LegacyMigration(layout);
        var plan = migration.Plan();
        if (plan.Count == 0)
        {
            WriteVerbose($"No files of the older tool under '{layout.Root}'; nothing to migrate.");
            return;
        }
        var done = migration.Execute(action => ShouldProcess(action.Source,
            $"{action.Kind}: move to '{action.Destination}'" + (action.BackupPath is null ? string.Empty : $" after moving the existing file to '{action.BackupPath}'")));
        foreach (var action in done)
        {
            WriteVerbose($"Moved '{action.Source}' to '{action.Destination}' ({action.Reason}).");
            if (PassThru) WriteObject(new SoakLegacyMigrationAction(action));
        }
    }
}
