using System.Security.Cryptography;

namespace SoakPS.Module.Tests.Hardening;

/// <summary>
/// Attack class "an output path onto the run's own files": Export-SoakReport -Path and Start-SoakRun -MetricsFile
/// replaced the live parameter file, the journal, run.json, the guard state, a summary, the tuning report and the
/// run lock. Every such target — named directly, with other case, through "..", through a link — is refused with
/// OutputPathReserved and the artifact root stays byte for byte as it was; a read-only file needs -Force.
/// </summary>
[Trait("Category", "Attack")]
public sealed class OutputTargetAttacks
{
    private static readonly string[] OwnedFiles =
    {
        "runtime_overrides.json", "latest/journal.jsonl", "latest/run.json", "latest/TUNING_STATE.json", "latest/ITER_SUMMARY_2.json",
        "latest/TUNING_REPORT.json", "latest/reports/EDGE_REPORT_1.json", ".soak.lock", "latest/../RUNTIME_OVERRIDES.JSON",
    };

    [Fact]
    public void Export_SoakReport_cannot_replace_a_file_the_run_owns() =>
        RefusesEveryTarget((root, target) => $"Export-SoakReport -Path '{target}' -ArtifactPath '{root}' -Force");

    [Fact]
    public void A_metrics_file_on_a_file_the_run_owns_stops_the_run_before_it_writes() =>
        RefusesEveryTarget((root, target) => $"Start-SoakRun -Mock -Iterations 2 -AutoTune -MetricsFile '{target}' -ArtifactPath '{root}' -Force");

    /// <summary>After a run, <paramref name="command"/> aimed at each owned file fails with OutputPathReserved and changes no byte of the root.</summary>
    private static void RefusesEveryTarget(Func<string, string, string> command)
    {
        using var s = new PowerShellSession();
        s.Run($"Start-SoakRun -Mock -Iterations 3 -AutoTune -ArtifactPath '{s.ArtifactRoot}'");
        foreach (var target in Targets(s.ArtifactRoot))
        {
            var before = Tree(s.ArtifactRoot);
            var result = s.Run(command(s.ArtifactRoot, target));
            Assert.True(result.ErrorWithId("OutputPathReserved") is not null, target);
            Assert.Empty(result.Output);
            Assert.Equal(before, Tree(s.ArtifactRoot));
        }
    }

    [Fact]
    public void A_read_only_report_or_metrics_file_is_replaced_only_with_Force()
    {
        using var s = new PowerShellSession();
        s.Run($"Start-SoakRun -Mock -Iterations 2 -ArtifactPath '{s.ArtifactRoot}'");
        var report = Path.Combine(s.ArtifactRoot, "kept.html");
        var metrics = Path.Combine(s.ArtifactRoot, "kept.prom");
        foreach (var file in new[] { report, metrics })
        {
            File.WriteAllText(file, "kept");
            File.SetAttributes(file, FileAttributes.ReadOnly);
        }

        s.Run($"Export-SoakReport -Path '{report}' -ArtifactPath '{s.ArtifactRoot}'").ErrorWithId("OutputFileReadOnly");
        s.Run($"Start-SoakRun -Mock -Iterations 2 -MetricsFile '{metrics}' -ArtifactPath '{s.ArtifactRoot}'").ErrorWithId("OutputFileReadOnly");
        Assert.Equal("kept", File.ReadAllText(report));
        Assert.Equal("kept", File.ReadAllText(metrics));

        Assert.Null(s.Run($"Export-SoakReport -Path '{report}' -ArtifactPath '{s.ArtifactRoot}' -Force").Terminating);
        Assert.Null(s.Run($"Start-SoakRun -Mock -Iterations 2 -MetricsFile '{metrics}' -ArtifactPath '{s.ArtifactRoot}' -Force").Terminating);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(report), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("soak_iteration", File.ReadAllText(metrics));
    }

    /// <summary>Each owned file by name, plus a link beside the root to the live file and a linked folder onto latest/.</summary>
    private static IEnumerable<string> Targets(string root)
    {
        foreach (var owned in OwnedFiles) yield return Path.Combine(root, owned);
        var outside = Directory.CreateTempSubdirectory("soakps-links-").FullName;
        var fileLink = Path.Combine(outside, "report.html");
        File.CreateSymbolicLink(fileLink, Path.Combine(root, "runtime_overrides.json"));
        yield return fileLink;
        var folderLink = Path.Combine(outside, "dir");
        Directory.CreateSymbolicLink(folderLink, Path.Combine(root, "latest"));
        yield return Path.Combine(folderLink, "journal.jsonl");
    }

    /// <summary>Every file under the root with a hash of its content: any write shows.</summary>
    private static string Tree(string root) => string.Join("\n",
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(root, f)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));
}
