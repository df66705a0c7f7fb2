using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace SoakPS.HelpBuilder;

/// <summary>
/// Reads a PlatyPS-style page with Markdig (document structure) and YamlDotNet (front matter, parameter blocks):
/// '# Verb-Noun', '## SYNOPSIS', '## SYNTAX', '## DESCRIPTION', '## EXAMPLES' with '### Example n: ...' and a fenced
/// block, '## PARAMETERS' with '### -Name' and a yaml block, '## INPUTS', '## OUTPUTS', '## NOTES', '## RELATED LINKS'.
/// Lenient: a missing section yields empty text and a warning; the module tests decide what is complete.
/// </summary>
public static class MarkdownHelpParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    public static HelpPage Parse(string markdown, Action<string> warn)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var title = document.OfType<HeadingBlock>().FirstOrDefault(h => h.Level == 1) is { } heading
            ? MarkdownText.Inline(heading.Inline).Trim()
            : throw new FormatException("no '# Verb-Noun' title line");
        var sections = Sections(document);
        IReadOnlyList<Block> Blocks(string name) => sections.TryGetValue(name, out var blocks) ? blocks : [];
        string Section(string name)
        {
            var text = MarkdownText.Of(Blocks(name));
            if (text.Length == 0 && name is "SYNOPSIS" or "DESCRIPTION")
            {
                warn($"{title}: section '## {name}' is missing or empty");
            }
            return text;
        }

        return new HelpPage(
            title,
            Section("SYNOPSIS"),
            Blocks("SYNTAX").OfType<FencedCodeBlock>().Select(MarkdownText.Code).ToList(),
            Section("DESCRIPTION"),
            ParseExamples(Blocks("EXAMPLES")),
            ParseParameters(title, Blocks("PARAMETERS")),
            ParseTypeNotes(Blocks("INPUTS")),
            ParseTypeNotes(Blocks("OUTPUTS")),
            Section("NOTES"),
            OnlineLink(title, document).Concat(ParseLinks(Blocks("RELATED LINKS"))).ToList())
        {
            SyntaxSets = SubSections(Blocks("SYNTAX")).Select(s => s.Heading.Replace("(Default)", string.Empty, StringComparison.OrdinalIgnoreCase).Trim()).ToList(),
        };
    }

    /// <summary>Top-level blocks grouped under their '## ' heading, keyed by its text.</summary>
    private static Dictionary<string, List<Block>> Sections(MarkdownDocument document)
    {
        var result = new Dictionary<string, List<Block>>(StringComparer.OrdinalIgnoreCase);
        List<Block>? current = null;
        foreach (var block in document)
        {
            if (block is HeadingBlock { Level: <= 2 } heading)
            {
                current = heading.Level == 2 ? [] : null;
                if (current is not null)
                {
                    result.TryAdd(MarkdownText.Inline(heading.Inline).Trim(), current);
                }
                continue;
            }
            current?.Add(block);
        }
        return result;
    }

    /// <summary>A section's blocks split at its '### ' headings; blocks before the first one are ignored.</summary>
    private static List<(string Heading, List<Block> Body)> SubSections(IEnumerable<Block> blocks)
    {
        var result = new List<(string, List<Block>)>();
        foreach (var block in blocks)
        {
            if (block is HeadingBlock { Level: 3 } heading)
            {
                result.Add((MarkdownText.Inline(heading.Inline).Trim(), []));
            }
            else if (result.Count > 0)
            {
                result[^1].Item2.Add(block);
            }
        }
        return result;
    }

    private static List<HelpExample> ParseExamples(IEnumerable<Block> blocks) =>
        SubSections(blocks).Select(s =>
        {
            var code = s.Body.OfType<FencedCodeBlock>().FirstOrDefault();
            return new HelpExample(s.Heading, code is null ? string.Empty : MarkdownText.Code(code), MarkdownText.Of(s.Body.Where(b => b != code)));
        }).ToList();

    private static List<HelpParameter> ParseParameters(string page, IEnumerable<Block> blocks)
    {
        var parameters = new List<HelpParameter>();
        foreach (var (heading, body) in SubSections(blocks))
        {
            if (!heading.StartsWith('-'))
            {
                continue; // "### CommonParameters" describes PowerShell's own parameters.
            }
            var block = body.OfType<FencedCodeBlock>().FirstOrDefault();
            var fields = block is null ? new Dictionary<string, string?>() : YamlFields(MarkdownText.Code(block), $"{page} {heading}");
            string Field(string key, string fallback) => fields.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : fallback;
            parameters.Add(new HelpParameter(
                heading[1..].Trim(),
                MarkdownText.Of(body.Where(b => b != block)),
                Field("Type", "Object"),
                SplitList(Field("Parameter Sets", "(All)")),
                SplitList(Field("Aliases", string.Empty)),
                bool.TryParse(Field("Required", "False"), out var required) && required,
                Field("Position", "Named"),
                Field("Default value", "None"),
                Field("Accept pipeline input", "False"),
                bool.TryParse(Field("Accept wildcard characters", "False"), out var globbing) && globbing));
        }
        return parameters;
    }

    private static Dictionary<string, string?> YamlFields(string yaml, string where)
    {
        try
        {
            return new Dictionary<string, string?>(Yaml.Deserialize<Dictionary<string, string?>>(yaml) ?? [], StringComparer.OrdinalIgnoreCase);
        }
        catch (YamlException e)
        {
            throw new FormatException($"{where}: the parameter block is not valid YAML: {e.Message}", e);
        }
    }

    private static List<string> SplitList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static List<HelpTypeNote> ParseTypeNotes(IReadOnlyList<Block> blocks)
    {
        var notes = SubSections(blocks).Select(s => new HelpTypeNote(s.Heading, MarkdownText.Of(s.Body))).ToList();
        if (notes.Count == 0 && MarkdownText.Of(blocks) is { Length: > 0 } text)
        {
            notes.Add(new HelpTypeNote(text.Split('\n')[0], string.Empty));
        }
        return notes;
    }

    /// <summary>Related links show their names; only an absolute web address is kept as a URI (Get-Help -Online opens it).</summary>
    private static IEnumerable<HelpLink> ParseLinks(IEnumerable<Block> blocks) =>
        MarkdownText.Links(blocks).Select(l => new HelpLink(l.Text, WebAddress(l.Url)));

    /// <summary>PlatyPS puts a non-empty 'online version:' first among the related links; empty means no online help.</summary>
    private static IEnumerable<HelpLink> OnlineLink(string page, MarkdownDocument document)
    {
        if (document.OfType<YamlFrontMatterBlock>().FirstOrDefault() is not { } front)
        {
            yield break;
        }
        var fields = YamlFields(front.Lines.ToString().Trim().Trim('-').Trim(), $"{page} front matter");
        var online = fields.TryGetValue("online version", out var value) ? WebAddress(value) : string.Empty;
        if (online.Length > 0)
        {
            yield return new HelpLink("Online Version:", online);
        }
    }

    private static string WebAddress(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : string.Empty;
}
