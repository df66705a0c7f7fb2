using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace SoakPS.Completion;

/// <summary>The current file-system location of the session asking for completion (completers get no SessionState).</summary>
internal static class CompletionLocation
{
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
