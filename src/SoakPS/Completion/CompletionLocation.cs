using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SoakPS.Engine.Files;

namespace SoakPS.Completion;

/// <summary>The current file-system location of the session asking for completion (completers get no SessionState).</summary>
internal static class CompletionLocation
{
    /// <summary>The artifact root the command being completed would use: its -ArtifactPath so far, else the default.</summary>
    public static ArtifactLayout Layout(IDictionary? fakeBoundParameters) =>
        ArtifactLayout.Resolve(fakeBoundParameters?["ArtifactPath"] as string, Current());

    /// <summary>What the typed word (quotes dropped) matches: names starting with it, any case.</summary>
    public static WildcardPattern Matching(string? wordToComplete) =>
        WildcardPattern.Get((wordToComplete ?? string.Empty).Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);

    public static string Current()
    {
        try
        {
            using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
            ps.AddScript("$ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath");
            var result = ps.Invoke();
            if (result.Count > 0 && result[0]?.BaseObject is string path && path.Length > 0) return path;
        }
        catch (Exception e) when (e is PSInvalidOperationException or InvalidOperationException or RuntimeException)
        {
        }
        return Environment.CurrentDirectory;
    }
}
