using System.Management.Automation;
using SoakPS.Engine;
using SoakPS.Engine.Files;
using SoakPS.Output;

namespace SoakPS;

/// <summary>
/// What every SoakPS cmdlet shares: the -ArtifactPath parameter, its resolution against the current
/// PowerShell location, cancellation through StopProcessing, and the one way engine errors become ErrorRecords.
/// </summary>
public abstract class SoakCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The artifact root; default $env:SOAK_ARTIFACTS_DIR, else ./artifacts/soak. Bound from piped objects that carry it (SoakIteration).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ArtifactPath { get; set; }

    protected CancellationToken StopToken => _stopping.Token;

    /// <summary>The artifact root; a root that cannot be a folder ends the cmdlet with a clear error (readers also need it to exist).</summary>
    /// <param name="mustExist">True for cmdlets that only read: a missing folder is an error, not an empty result.</param>
    private protected ArtifactLayout ResolveLayout(bool mustExist = false)
    {
        var current = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        var explicitPath = ArtifactPath is null ? null : GetUnresolvedProviderPathFromPSPath(ArtifactPath);
        var layout = ArtifactLayout.Resolve(explicitPath, current);
        try
        {
            layout.RequireUsableRoot(mustExist);
        }
        catch (SoakException e)
        {
            ThrowTerminating(e);
        }
        return layout;
    }

    /// <summary>
    /// The artifact root of a Get- cmdlet. As with any Get- that finds nothing, a root that does not exist is a
    /// non-terminating error (-ErrorAction decides) and the result is null; a root that cannot be a folder ends the cmdlet.
    /// </summary>
    private protected ArtifactLayout? ResolveExistingLayout()
    {
        var current = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        var layout = ArtifactLayout.Resolve(ArtifactPath is null ? null : GetUnresolvedProviderPathFromPSPath(ArtifactPath), current);
        try
        {
            layout.RequireUsableRoot(mustExist: true);
            return layout;
        }
        catch (SoakException e)
        {
            WriteNotFound(e);
            return null;
        }
    }

    /// <summary>"Nothing there" (ObjectNotFound) is a non-terminating error for a Get- cmdlet; anything else ends it.</summary>
    private protected void WriteNotFound(SoakException error)
    {
        if (error.Kind != SoakErrorKind.ObjectNotFound) ThrowTerminating(error);
        WriteSoakError(error);
    }

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Turns an engine error into a terminating ErrorRecord with its stable ErrorId.</summary>
    private protected void ThrowTerminating(SoakException error) => ThrowTerminatingError(ErrorRecords.From(error));

    private protected void WriteSoakError(SoakException error) => WriteError(ErrorRecords.From(error));
}
