using YamlDotNet.RepresentationModel;

namespace SoakPS.Module.Tests;

/// <summary>
/// The GitHub workflows: each validates with action-validator (npm @action-validator/cli, installed by
/// tools/install-deps.sh), and what the soak and CI workflows promise is asserted from the parsed YAML.
/// </summary>
public class WorkflowTests
{
    private static readonly string WorkflowFolder = Path.Combine(PowerShellSession.RepoRoot, ".github", "workflows");

    public static TheoryData<string> Workflows()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(WorkflowFolder).Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Trait("Category", "ActionValidator")]
    [Theory]
    [MemberData(nameof(Workflows))]
    public void Validates_with_action_validator(string workflow)
    {
        var (exit, output) = ActionValidator(Path.Combine(WorkflowFolder, workflow));
        Assert.True(exit == 0, $"{workflow} does not validate:\n{output}");
    }

    [Trait("Category", "ActionValidator")]
    [Fact]
    public void Action_validator_rejects_a_broken_workflow()
    {
        // Negative control: the validator really checks the schema (a job without runs-on, a step with an unknown key).
        var file = Path.Combine(Path.GetTempPath(), $"soakps-broken-{Guid.NewGuid():N}.yml");
        File.WriteAllText(file, "name: broken\non: push\njobs:\n  test:\n    steps:\n      - rum: echo hi\n");
        try
        {
            var (exit, _) = ActionValidator(file);
            Assert.NotEqual(0, exit);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Soak_workflow_caches_only_when_ENABLE_SOAK_CACHE_is_1_and_defaults_it_off()
    {
        var workflow = Load("soak-windows.yml");
        var cacheSteps = Steps(workflow).Where(s => Scalar(s, "uses")?.StartsWith("actions/cache", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(cacheSteps);
        Assert.All(cacheSteps, s => Assert.Equal("env.ENABLE_SOAK_CACHE == '1'", Normalized(Scalar(s, "if"))));

        var enable = Scalar(Map(workflow, "env"), "ENABLE_SOAK_CACHE");
        Assert.NotNull(enable);
        Assert.Matches(@"^\$\{\{\s*vars\.ENABLE_SOAK_CACHE\s*\|\|\s*'0'\s*\}\}$|^'?0'?$", enable);
    }

    [Fact]
    public void Soak_workflow_runs_the_gated_soak_in_pwsh_and_rotates_and_uploads_even_after_a_failure()
    {
        var workflow = Load("soak-windows.yml");
        var job = Assert.Single(Map(workflow, "jobs").Children).Value as YamlMappingNode;
        Assert.NotNull(job);
        var runsOn = ((YamlSequenceNode)job["runs-on"]).Children.Select(n => n.ToString()).ToList();
        Assert.Contains("self-hosted", runsOn);
        Assert.Contains("windows", runsOn);

        var steps = Steps(workflow).ToList();
        var defaultShell = Scalar(Map(Map(job, "defaults"), "run"), "shell");
        Assert.All(steps.Where(s => Scalar(s, "run") is not null), s => Assert.Equal("pwsh", Scalar(s, "shell") ?? defaultShell));

        var soak = Assert.Single(steps, s => Scalar(s, "run")?.Contains("Start-SoakRun", StringComparison.Ordinal) == true);
        Assert.Contains("Import-Module ./out/SoakPS", Scalar(soak, "run"));
        Assert.Contains("-FailOnKpi", Scalar(soak, "run"));
        Assert.Null(Scalar(soak, "if"));

        var rotation = Assert.Single(steps, s => Scalar(s, "run")?.Contains("Invoke-SoakRotation", StringComparison.Ordinal) == true);
        Assert.Equal("always()", Normalized(Scalar(rotation, "if")));
        Assert.True(steps.IndexOf(rotation) > steps.IndexOf(soak), "rotation runs after the soak");

        var upload = Assert.Single(steps, s => Scalar(s, "uses")?.StartsWith("actions/upload-artifact", StringComparison.Ordinal) == true);
        Assert.Equal("always()", Normalized(Scalar(upload, "if")));

        // Once the module exports Export-SoakReport, the soak workflow must write the report too.
        if (ModuleManifest.CmdletsToExport(ModuleManifest.SourceManifestPath).Contains("Export-SoakReport", StringComparer.OrdinalIgnoreCase))
        {
            Assert.Contains(steps, s => Scalar(s, "run")?.Contains("Export-SoakReport", StringComparison.Ordinal) == true);
        }
    }

    [Fact]
    public void CI_builds_once_and_tests_that_module_on_Windows_Linux_and_macOS()
    {
        var workflow = Load("ci.yml");
        var jobs = Map(workflow, "jobs");
        var build = Map(jobs, "build");
        Assert.Contains(JobSteps(build), s => Scalar(s, "uses")?.StartsWith("actions/upload-artifact", StringComparison.Ordinal) == true
            && Scalar(Map(s, "with"), "path") == "out/SoakPS");

        var module = Map(jobs, "module");
        Assert.Equal("build", Scalar(module, "needs"));
        var os = ((YamlSequenceNode)Map(Map(module, "strategy"), "matrix")["os"]).Children.Select(n => n.ToString()).ToList();
        Assert.Equal(["windows-latest", "ubuntu-latest", "macos-latest"], os);
        var moduleSteps = JobSteps(module).ToList();
        Assert.Contains(moduleSteps, s => Scalar(s, "uses")?.StartsWith("actions/download-artifact", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(moduleSteps, s => Scalar(s, "run")?.Contains("dotnet build", StringComparison.Ordinal) == true);
        Assert.Contains(moduleSteps, s => Scalar(s, "run")?.Contains("dotnet pwsh", StringComparison.Ordinal) == true
            && Scalar(s, "run")!.Contains("Test-Module.ps1", StringComparison.Ordinal));
        // The Windows lane under Wine is not Windows: the tests it runs run on windows-latest too.
        Assert.Contains(moduleSteps, s => Scalar(s, "if") == "runner.os == 'Windows'"
            && Scalar(s, "run")?.Contains("--filter \"Lane=Windows\"", StringComparison.Ordinal) == true);
    }

    private static (int Exit, string Output) ActionValidator(string file) =>
        ExternalTool.Run("action-validator", [file]);

    private static YamlMappingNode Load(string name)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(WorkflowFolder, name));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode workflow) =>
        Map(workflow, "jobs").Children.Values.OfType<YamlMappingNode>().SelectMany(JobSteps);

    private static IEnumerable<YamlMappingNode> JobSteps(YamlMappingNode job) =>
        job.Children.TryGetValue(new YamlScalarNode("steps"), out var steps) ? ((YamlSequenceNode)steps).Children.OfType<YamlMappingNode>() : [];

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlMappingNode map
            ? map
            : throw new Xunit.Sdk.XunitException($"no mapping '{key}' in the workflow");

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static string? Normalized(string? expression)
    {
        var text = expression?.Trim();
        if (text is not null && text.StartsWith("${{", StringComparison.Ordinal) && text.EndsWith("}}", StringComparison.Ordinal))
        {
            text = text[3..^2].Trim();
        }
        return text is null ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
