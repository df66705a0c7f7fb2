using System.Xml.Linq;
using SoakPS.HelpBuilder;

namespace SoakPS.Module.Tests;

/// <summary>The markdown-to-MAML conversion on a fixture page, independent of which cmdlet pages exist yet.</summary>
public class HelpBuilderTests
{
    private const string Page = """
        ---
        external help file: SoakPS.dll-Help.xml
        Module Name: SoakPS
        ---

        # Get-SoakExample

        ## SYNOPSIS
        Reads example things.

        ## SYNTAX

        ### ByName (Default)
        ```
        Get-SoakExample [-Name] <String> [-ArtifactPath <String>] [<CommonParameters>]
        ```

        ## DESCRIPTION
        First paragraph of the description
        wrapped over two lines.

        Second paragraph.

        ## EXAMPLES

        ### Example 1: Read one
        ```powershell
        Get-SoakExample -Name alpha
        ```

        Reads alpha.

        ## PARAMETERS

        ### -Name
        The thing's name.

        ```yaml
        Type: String
        Parameter Sets: ByName
        Aliases: N

        Required: True
        Position: 0
        Default value: None
        Accept pipeline input: True (ByPropertyName)
        Accept wildcard characters: False
        ```

        ### -ArtifactPath
        The artifact root.

        ```yaml
        Type: String
        Parameter Sets: (All)
        Aliases:

        Required: False
        Position: Named
        Default value: ./artifacts/soak
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### CommonParameters
        This cmdlet supports the common parameters.

        ## INPUTS

        ### System.String

        ## OUTPUTS

        ### SoakPS.Example
        One per thing.

        ## NOTES
        Nothing else.

        ## RELATED LINKS

        [about_SoakPS](about_SoakPS)

        [Get-SoakOther](Get-SoakOther.md)

        [Project site](https://example.org/soakps)
        """;

    [Fact]
    public void A_PlatyPS_page_becomes_a_MAML_command()
    {
        var warnings = new List<string>();
        var page = MarkdownHelpParser.Parse(Page, warnings.Add);
        Assert.Empty(warnings);
        Assert.Equal("Get-SoakExample", page.Name);
        Assert.Equal("Reads example things.", page.Synopsis);
        Assert.Equal("First paragraph of the description wrapped over two lines.\n\nSecond paragraph.", page.Description);
        var example = Assert.Single(page.Examples);
        Assert.Equal("Example 1: Read one", example.Title);
        Assert.Equal("Get-SoakExample -Name alpha", example.Code);
        Assert.Equal("Reads alpha.", example.Remarks);
        Assert.Equal(["Name", "ArtifactPath"], page.Parameters.Select(p => p.Name));
        var name = page.Parameters[0];
        Assert.True(name.Required);
        Assert.Equal("0", name.Position);
        Assert.Equal(["N"], name.Aliases);
        Assert.Equal("True (ByPropertyName)", name.PipelineInput);

        XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        XNamespace maml = "http://schemas.microsoft.com/maml/2004/10";
        var xml = XDocument.Parse(MamlWriter.Write([page]).ToString());
        var element = Assert.Single(xml.Root!.Elements(command + "command"));
        Assert.Equal("Reads example things.", element.Element(command + "details")!.Element(maml + "description")!.Value);
        Assert.Equal(2, element.Element(maml + "description")!.Elements(maml + "para").Count());
        Assert.Equal(["Name", "ArtifactPath"], element.Element(command + "parameters")!.Elements(command + "parameter").Select(p => p.Element(maml + "name")!.Value));
        Assert.Equal(["Name", "ArtifactPath"], element.Element(command + "syntax")!.Elements(command + "syntaxItem").Single().Elements(command + "parameter").Select(p => p.Element(maml + "name")!.Value));
        Assert.Equal("SoakPS.Example", element.Descendants(command + "returnValue").Single().Descendants(maml + "name").Single().Value);
    }

    [Fact]
    public void Related_links_are_names_and_only_web_addresses_keep_a_uri()
    {
        var page = MarkdownHelpParser.Parse(Page, _ => { });
        Assert.Equal(
            [new HelpLink("about_SoakPS", ""), new HelpLink("Get-SoakOther", ""), new HelpLink("Project site", "https://example.org/soakps")],
            page.Links);
    }

    [Fact]
    public void A_non_empty_online_version_becomes_the_first_link_and_an_empty_one_none()
    {
        var online = MarkdownHelpParser.Parse("---\nonline version: https://example.org/help/Get-SoakX\n---\n# Get-SoakX\n## SYNOPSIS\nX.\n", _ => { });
        Assert.Equal(new HelpLink("Online Version:", "https://example.org/help/Get-SoakX"), Assert.Single(online.Links));
        var none = MarkdownHelpParser.Parse("---\nonline version:\n---\n# Get-SoakX\n## SYNOPSIS\nX.\n", _ => { });
        Assert.Empty(none.Links);
    }

    [Fact]
    public void Markdown_inside_text_becomes_plain_paragraphs()
    {
        var page = MarkdownHelpParser.Parse("""
            # Get-SoakX
            ## DESCRIPTION
            Writes `ITER_SUMMARY_<n>.json` and **keeps** [links](https://example.org) as text.

            - first item
              continued
            - second item
            """, _ => { });
        Assert.Equal("Writes `ITER_SUMMARY_<n>.json` and keeps links as text.\n\n- first item continued\n\n- second item", page.Description);
    }

    [Fact]
    public void A_parameter_block_that_is_not_YAML_names_the_page_and_parameter()
    {
        var error = Assert.Throws<FormatException>(() => MarkdownHelpParser.Parse("""
            # Get-SoakX
            ## PARAMETERS
            ### -Name
            The name.
            ```yaml
            Type: [String
            ```
            """, _ => { }));
        Assert.Contains("Get-SoakX -Name", error.Message);
    }

    [Fact]
    public void A_page_without_a_synopsis_is_reported()
    {
        var warnings = new List<string>();
        MarkdownHelpParser.Parse("# Get-SoakNothing\n\n## DESCRIPTION\nText.\n", warnings.Add);
        Assert.Contains(warnings, w => w.Contains("SYNOPSIS"));
    }

    [Fact]
    public void A_page_without_a_title_is_an_error()
    {
        Assert.Throws<FormatException>(() => MarkdownHelpParser.Parse("## SYNOPSIS\nx\n", _ => { }));
    }

    public static TheoryData<string> DocPages()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(PowerShellSession.RepoRoot, "docs", "en-US"), "*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DocPages))]
    public void Every_related_link_of_a_page_is_a_markdown_link(string page)
    {
        // A bare name under RELATED LINKS would silently vanish from Get-Help.
        var markdown = File.ReadAllText(Path.Combine(PowerShellSession.RepoRoot, "docs", "en-US", page));
        var lines = markdown.Replace("\r\n", "\n").Split('\n').SkipWhile(l => l.Trim() != "## RELATED LINKS").Skip(1)
            .Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        Assert.All(lines, l => Assert.Matches(@"^\[[^\]]+\]\([^)]*\)$", l));
        var links = MarkdownHelpParser.Parse(markdown, _ => { }).Links;
        // First the page's online version (its front matter), then its related links.
        Assert.Equal("Online Version:", links[0].Text);
        Assert.Equal(lines.Count, links.Count - 1);
    }
}
