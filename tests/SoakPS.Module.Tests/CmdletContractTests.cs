using System.Collections;
using System.Management.Automation;

namespace SoakPS.Module.Tests;

/// <summary>
/// Rules every exported cmdlet follows (docs/cmdlet-conventions.md). Data-driven over the manifest exports and the [Cmdlet] classes,
/// so a cmdlet added later is covered without touching this file; an empty set fails (xUnit rejects theories
/// without data, and ModuleContractTests asserts the set is non-empty).
/// </summary>
public class CmdletContractTests
{
    public static TheoryData<string> Cmdlets() => ModuleManifest.AllCmdletNames();

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Has_a_markdown_help_page(string cmdlet)
    {
        var page = Path.Combine(PowerShellSession.RepoRoot, "docs", "en-US", cmdlet + ".md");
        Assert.True(File.Exists(page), $"missing {page}");
        Assert.Contains("# " + cmdlet, File.ReadAllLines(page).Select(l => l.TrimEnd()));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Has_a_Pester_file(string cmdlet)
    {
        var file = Path.Combine(PowerShellSession.RepoRoot, "tests", "pester", cmdlet + ".Tests.ps1");
        Assert.True(File.Exists(file), $"missing {file}");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Declares_OutputType(string cmdlet)
    {
        var type = Assert.Contains(cmdlet, ModuleManifest.CmdletClasses());
        Assert.Contains(type.GetCustomAttributesData(), a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Supports_ShouldProcess_exactly_when_it_can_change_files(string cmdlet)
    {
        // Every cmdlet that is not a Get- can write under the artifact root (a run, a report, a profile, a study's
        // runs, a rotation), so it takes -WhatIf and -Confirm; a Get- only reads, and a -WhatIf there would promise
        // a change that never comes.
        var reads = cmdlet.StartsWith("Get-", StringComparison.OrdinalIgnoreCase);
        var attribute = ModuleManifest.CmdletAttribute(Assert.Contains(cmdlet, ModuleManifest.CmdletClasses()))!;
        var supports = attribute.NamedArguments.SingleOrDefault(a => a.MemberName == "SupportsShouldProcess").TypedValue.Value is true;
        Assert.True(supports != reads, reads
            ? $"{cmdlet} only reads and must not declare SupportsShouldProcess"
            : $"{cmdlet} can change files and must declare SupportsShouldProcess");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Get_Help_Full_shows_synopsis_description_every_parameter_and_an_example(string cmdlet)
    {
        using var session = new PowerShellSession(new RecordingHost());
        var help = session.Run($"Get-Help {cmdlet} -Full");
        Assert.Empty(help.Errors);
        var info = Assert.Single(help.Output);

        var synopsis = (info.Properties["Synopsis"]?.Value?.ToString() ?? string.Empty).Trim();
        Assert.False(string.IsNullOrEmpty(synopsis), "no synopsis");
        // Without MAML help PowerShell fills the synopsis with the generated syntax line.
        Assert.False(synopsis.StartsWith(cmdlet + " [", StringComparison.OrdinalIgnoreCase) || synopsis.Equals(cmdlet, StringComparison.OrdinalIgnoreCase), $"synopsis is the generated syntax: {synopsis}");
        Assert.False(string.IsNullOrWhiteSpace(Paragraphs(info.Properties["description"]?.Value)), "no description");

        var examples = Items(info, "examples", "example");
        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.False(string.IsNullOrWhiteSpace(e.Properties["code"]?.Value?.ToString()), "an example without code"));

        var described = Items(info, "parameters", "parameter")
            .Where(p => !string.IsNullOrWhiteSpace(Paragraphs(p.Properties["description"]?.Value)))
            .Select(p => p.Properties["name"].Value.ToString()!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var declared = session.Run($"(Get-Command {cmdlet}).Parameters.Keys").Output.Select(o => (string)o.BaseObject)
            .Where(p => !Cmdlet.CommonParameters.Contains(p))
            .ToList();
        Assert.NotEmpty(declared);
        Assert.DoesNotContain(declared, p => !described.Contains(p));

        var text = session.Render($"Get-Help {cmdlet} -Full");
        // The rendered page wraps long lines; the synopsis' opening words are enough to show it is there.
        var opening = synopsis.Split('\n')[0].Trim();
        Assert.Contains(opening[..Math.Min(opening.Length, 40)], text);
        Assert.Contains("PARAMETERS", text);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Get_Help_shows_every_parameters_aliases_and_pipeline_input_as_declared(string cmdlet)
    {
        using var session = new PowerShellSession();
        var command = Assert.IsAssignableFrom<CommandInfo>(Assert.Single(session.Run($"Get-Command {cmdlet}").Output).BaseObject);
        var help = Assert.Single(session.Run($"Get-Help {cmdlet} -Full").Output);
        var shown = Items(help, "parameters", "parameter").ToDictionary(p => p.Properties["name"].Value.ToString()!, StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in command.Parameters.Values.Where(p => !Cmdlet.CommonParameters.Contains(p.Name)))
        {
            var entry = Assert.Contains(parameter.Name, shown);
            var aliases = entry.Properties["aliases"]?.Value?.ToString() ?? "none";
            var expectedAliases = parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases.Order(StringComparer.OrdinalIgnoreCase));
            var shownAliases = aliases == "none" ? "none" : string.Join(", ", aliases.Split(',', StringSplitOptions.TrimEntries).Order(StringComparer.OrdinalIgnoreCase));
            Assert.True(string.Equals(expectedAliases, shownAliases, StringComparison.OrdinalIgnoreCase), $"{cmdlet} -{parameter.Name}: help shows aliases '{aliases}', the cmdlet has '{expectedAliases}'");

            var byValue = parameter.ParameterSets.Values.Any(s => s.ValueFromPipeline);
            var byName = parameter.ParameterSets.Values.Any(s => s.ValueFromPipelineByPropertyName);
            var expectedPipeline = (byValue, byName) switch
            {
                (true, true) => "True (ByValue, ByPropertyName)",
                (true, false) => "True (ByValue)",
                (false, true) => "True (ByPropertyName)",
                _ => "False",
            };
            var pipeline = entry.Properties["pipelineInput"]?.Value?.ToString();
            Assert.True(string.Equals(expectedPipeline, pipeline, StringComparison.OrdinalIgnoreCase), $"{cmdlet} -{parameter.Name}: help shows pipeline input '{pipeline}', the cmdlet takes '{expectedPipeline}'");
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Get_Help_shows_the_same_parameter_sets_as_Get_Command_Syntax(string cmdlet)
    {
        using var session = new PowerShellSession();
        var command = Assert.IsAssignableFrom<CmdletInfo>(Assert.Single(session.Run($"Get-Command {cmdlet}").Output).BaseObject);
        var help = Assert.Single(session.Run($"Get-Help {cmdlet} -Full").Output);
        var syntax = Items(help, "syntax", "syntaxItem")
            .Select(item => Items(item, "parameter").Select(p => p.Properties["name"].Value.ToString()!).Order(StringComparer.OrdinalIgnoreCase).ToList())
            .Select(names => string.Join(" ", names)).Order(StringComparer.Ordinal).ToList();
        var sets = command.ParameterSets
            .Select(set => set.Parameters.Select(p => p.Name).Where(n => !Cmdlet.CommonParameters.Contains(n) && !Cmdlet.OptionalCommonParameters.Contains(n) || n is "WhatIf" or "Confirm")
                .Order(StringComparer.OrdinalIgnoreCase).ToList())
            .Select(names => string.Join(" ", names)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(sets, syntax);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Get_Help_Online_opens_the_cmdlets_page_in_the_repository_the_manifest_names(string cmdlet)
    {
        // Get-Help -Online opens the first related link; without one it failed with PowerShell's generic "URI not specified".
        // tests/pester/SoakPS.Module.Tests.ps1 runs Get-Help -Online itself, with a stand-in browser.
        using var session = new PowerShellSession();
        var project = (string)session.Run("(Get-Module SoakPS).PrivateData.PSData.ProjectUri").Output.Single().BaseObject;
        var uri = session.Run($"@((Get-Help {cmdlet} -Full).relatedLinks.navigationLink)[0].uri").Output.Single().BaseObject as string;
        Assert.Equal($"{project}/blob/main/docs/en-US/{cmdlet}.md", uri);
        Assert.True(File.Exists(Path.Combine(PowerShellSession.RepoRoot, "docs", "en-US", cmdlet + ".md")), "the page it names is not in the repository");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Related_links_render_as_names(string cmdlet)
    {
        using var session = new PowerShellSession(new RecordingHost());
        var text = session.Render($"Get-Help {cmdlet} -Full");
        // Every page names where to go next, so every cmdlet renders the section.
        var links = text.IndexOf("RELATED LINKS", StringComparison.Ordinal);
        Assert.True(links >= 0, $"Get-Help {cmdlet} -Full shows no related links");
        var section = text[links..].Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        // The online version comes first, as a web address; the rest are names, never a file name.
        Assert.StartsWith("Online Version: https://", section[0]);
        section = section.Skip(1).ToList();
        Assert.NotEmpty(section);
        Assert.All(section, l => Assert.DoesNotContain(".md", l));
        Assert.All(section, l => Assert.Matches(@"^(about_SoakPS\w*|[A-Z][a-z]+-Soak\w+|https?://\S+)$", l));
    }

    private static List<PSObject> Items(PSObject help, string container, string item) =>
        help.Properties[container]?.Value is PSObject holder ? Items(holder, item) : [];

    /// <summary>The values of a help object's property, one or many.</summary>
    private static List<PSObject> Items(PSObject holder, string item)
    {
        var value = holder.Properties[item]?.Value;
        return value switch
        {
            null => [],
            PSObject single when single.BaseObject is not IEnumerable || single.BaseObject is string => [single],
            PSObject many => ((IEnumerable)many.BaseObject).Cast<object>().Select(PSObject.AsPSObject).ToList(),
            IEnumerable many => many.Cast<object>().Select(PSObject.AsPSObject).ToList(),
            _ => [PSObject.AsPSObject(value)],
        };
    }

    private static string Paragraphs(object? description) => description switch
    {
        null => string.Empty,
        PSObject { BaseObject: IEnumerable items and not string } => string.Join("\n", items.Cast<object>().Select(i => PSObject.AsPSObject(i).Properties["Text"]?.Value)),
        IEnumerable items and not string => string.Join("\n", items.Cast<object>().Select(i => PSObject.AsPSObject(i).Properties["Text"]?.Value)),
        _ => PSObject.AsPSObject(description).Properties["Text"]?.Value?.ToString() ?? string.Empty,
    };
}
