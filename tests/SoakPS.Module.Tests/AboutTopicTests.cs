using System.Reflection;
using System.Text.RegularExpressions;

namespace SoakPS.Module.Tests;

/// <summary>The about_ topics that explain guards and ErrorIds: shown by Get-Help, and complete against the code.</summary>
public partial class AboutTopicTests
{
    private static string Topic(string name) =>
        File.ReadAllText(Path.Combine(ModuleManifest.ModuleFolder, "en-US", name + ".help.txt"));

    /// <summary>Every ErrorId the code can raise: a string literal followed by its category, in any of the three forms
    /// (new SoakException("Id", SoakErrorKind.…), new("Id", SoakErrorKind.…), ErrorRecords.Create("Id", ErrorCategory.…)).</summary>
    private static SortedSet<string> ErrorIdsInSource()
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(PowerShellSession.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
        {
            foreach (Match match in ErrorIdPattern().Matches(File.ReadAllText(file)))
            {
                ids.Add(match.Groups["id"].Value);
            }
        }
        return ids;
    }

    /// <summary>Each SoakPS command line in the text, parsed as PowerShell: "Cmdlet -Parameter: line" for a parameter the cmdlet does not have.</summary>
    private const string UnknownParametersScript = """
        param($text)
        foreach ($line in $text -split "`n" | Where-Object { $_ -cmatch '\b[A-Z][a-z]+-Soak[A-Za-z]+\b' }) {
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($line.Trim(), [ref]$null, [ref]$null)
            foreach ($command in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
                $info = Get-Command $command.GetCommandName() -Module SoakPS -ErrorAction Ignore
                if (-not $info) { continue }
                $known = @($info.Parameters.Keys) + @($info.Parameters.Values.Aliases)
                foreach ($parameter in $command.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                    if (-not ($known | Where-Object { $_ -like "$($parameter.ParameterName)*" })) { "$($info.Name) -$($parameter.ParameterName): $($line.Trim())" }
                }
            }
        }
        """;

    [Fact]
    public void The_examples_of_about_SoakPS_use_parameters_the_cmdlets_have()
    {
        using var session = new PowerShellSession();
        var topic = Topic("about_SoakPS");
        var examples = topic[topic.IndexOf("\nEXAMPLES", StringComparison.Ordinal)..topic.IndexOf("\nSEE ALSO", StringComparison.Ordinal)];
        Assert.Contains("Undo-SoakTuning", examples);
        var result = session.Run($"& {{ {UnknownParametersScript} }} $topicText", new Dictionary<string, object?> { ["topicText"] = examples });
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var unknown = result.Output.Select(o => o.ToString()).ToList();
        Assert.True(unknown.Count == 0, string.Join("\n", unknown));
    }

    [Fact]
    public void The_source_raises_ErrorIds_the_scan_can_see()
    {
        // Guards the next test against passing over an empty scan; these two are raised in engine and cmdlet code.
        var ids = ErrorIdsInSource();
        Assert.Contains("ArtifactRootLocked", ids);
        Assert.Contains("KpiGateFailed", ids);
    }

    [Fact]
    public void Every_ErrorId_in_the_source_is_explained_in_about_SoakPS_ErrorIds()
    {
        var topic = Topic("about_SoakPS_ErrorIds");
        var documented = Regex.Matches(topic, @"^    (\w+)\r?$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var missing = ErrorIdsInSource().Where(id => !documented.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"about_SoakPS_ErrorIds does not explain: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_guard_and_its_policy_keys_are_in_about_SoakPS_Guards()
    {
        var topic = Topic("about_SoakPS_Guards");
        foreach (var guard in new[] { "G0", "G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8" })
        {
            Assert.Matches(new Regex($@"^    {guard}  \w", RegexOptions.Multiline), topic);
        }
        // Each threshold of the guard policy, as a profile spells it under policy.guards.
        var policy = Assembly.LoadFrom(Path.Combine(ModuleManifest.ModuleFolder, "SoakPS.Engine.dll")).GetType("SoakPS.Engine.Guards.GuardPolicy", throwOnError: true)!;
        var policyKeys = policy.GetProperties().Select(p => SnakeCase().Replace(p.Name, "_$1").ToLowerInvariant()).ToList();
        Assert.NotEmpty(policyKeys);
        Assert.All(policyKeys, key => Assert.Contains(key, topic));
    }

    [Theory]
    [InlineData("about_SoakPS_Guards", "panic_fail_streak")]
    [InlineData("about_SoakPS_ErrorIds", "KpiGateFailed")]
    public void Get_Help_shows_the_topic(string topic, string expected)
    {
        using var session = new PowerShellSession(new RecordingHost());
        var text = session.Render($"Get-Help {topic}");
        Assert.Contains(topic, text);
        Assert.Contains(expected, text);
    }

    [Fact]
    public void About_topics_fit_an_80_column_console()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(ModuleManifest.ModuleFolder, "en-US"), "about_*.help.txt"))
        {
            var wide = File.ReadAllLines(file).Select((line, i) => (line, i)).Where(l => l.line.Length > 80).Select(l => $"{Path.GetFileName(file)}:{l.i + 1}").ToList();
            Assert.True(wide.Count == 0, "lines over 80 columns: " + string.Join(", ", wide));
        }
    }

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex SnakeCase();

    [GeneratedRegex(@"""(?<id>[A-Z]\w+)"",\s*(?:SoakErrorKind|ErrorCategory)\.")]
    private static partial Regex ErrorIdPattern();
}
