namespace SoakPS.Module.Tests;

/// <summary>The SDK's runspace has every built-in cmdlet, so hosted tests chain SoakPS output as users do.</summary>
public class HostedPipelineTests
{
    [Fact]
    public void Iterations_flow_through_Select_Object_and_ConvertTo_Csv()
    {
        using var session = new PowerShellSession();
        var result = session.Run(
            $"Start-SoakRun -Mock -Iterations 3 -ArtifactPath '{session.ArtifactRoot}' -WarningAction SilentlyContinue | Select-Object Iteration, Verdict | ConvertTo-Csv");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var lines = result.Output.Select(o => (string)o.BaseObject).ToList();
        Assert.Equal("\"Iteration\",\"Verdict\"", lines[0]);
        Assert.Equal(["\"1\",", "\"2\",", "\"3\","], lines.Skip(1).Select(l => l[..4]));
    }
}
