using System.Management.Automation;

namespace SoakPS.Module.Tests.PesterSubset;

public enum PesterOutcome
{
    Passed,
    Failed,
    Skipped,
}

public sealed record PesterTestResult(string Name, PesterOutcome Outcome, string Message)
{
    public override string ToString() => Outcome == PesterOutcome.Failed ? $"{Name}: {Message}" : $"{Name}: {Outcome}";
}

/// <summary>
/// Runs a .Tests.ps1 file with the Pester 5 subset defined in PesterSubset.ps1 (not Pester itself) inside the hosted
/// engine, in a fresh runspace with a recording host, and returns one result per It.
/// </summary>
public static class PesterSubsetRunner
{
    public static string RunnerScript => Path.Combine(PowerShellSession.RepoRoot, "tests", "SoakPS.Module.Tests", "PesterSubset", "PesterSubset.ps1");

    public static string PesterFolder => Path.Combine(PowerShellSession.RepoRoot, "tests", "pester");

    public static IReadOnlyList<PesterTestResult> Run(string testFile)
    {
        // The Pester files import the module from this variable, as they do in the GitHub workflow.
        Environment.SetEnvironmentVariable("SOAKPS_MODULE_PATH", PowerShellSession.ModulePath);
        using var session = new PowerShellSession(new RecordingHost());
        var result = session.Run(
            ". $runner; Invoke-PesterSubset -Path $file",
            new Dictionary<string, object?> { ["runner"] = RunnerScript, ["file"] = Path.GetFullPath(testFile) });
        if (result.Terminating is not null)
        {
            return [new PesterTestResult(Path.GetFileName(testFile), PesterOutcome.Failed, "Runner failed: " + result.Terminating.Message)];
        }
        return result.Output.Select(o => new PesterTestResult(
            (string)o.Properties["Name"].Value,
            Enum.Parse<PesterOutcome>((string)o.Properties["Outcome"].Value),
            (string?)o.Properties["Message"].Value ?? string.Empty)).ToList();
    }
}
