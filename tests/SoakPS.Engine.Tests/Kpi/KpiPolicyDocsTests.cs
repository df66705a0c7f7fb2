using System.Globalization;
using System.Text.Json;
using SoakPS.Engine.Kpi;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Tests;

/// <summary>docs/kpi-policy.md against the code: every policy.kpi key with its default, every built-in rule, and its example profile loads.</summary>
public class KpiPolicyDocsTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "kpi-policy.md"));

    [Fact]
    public void Every_kpi_threshold_is_documented_with_its_default()
    {
        var defaults = new KpiPolicy();
        foreach (var property in typeof(KpiPolicy).GetProperties())
        {
            var key = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            var value = Convert.ToDouble(property.GetValue(defaults), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            Assert.Contains($"| `{key}` | {value} |", Page);
        }
    }

    [Fact]
    public void Every_built_in_rule_is_documented()
    {
        Assert.All(RuleSet.BuiltIn.Rules, rule => Assert.Contains($"| `{rule.Name}` |", Page));
    }

    [Fact]
    public void The_example_profile_loads_with_the_policy_it_shows()
    {
        using var root = new TempFolder("soakps-kpidocs-");
        var json = System.Text.RegularExpressions.Regex.Match(Page, "```json\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Directory.CreateDirectory(Path.Combine(root.Path, "profiles"));
        File.WriteAllText(Path.Combine(root.Path, "profiles", "strict.json"), json);
        var profile = new ProfileStore(new SoakPS.Engine.Files.ArtifactLayout(root.Path)).Load("strict");
        Assert.Equal(2.5, profile.Policy!.Kpi.FailNetBpsBelow);
        Assert.Equal(12, profile.Policy.Kpi.RunVerdictWindow);
        Assert.Equal("risk_high", Assert.Single(profile.Policy.Rules.Rules).Name);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SoakPS.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }
}
