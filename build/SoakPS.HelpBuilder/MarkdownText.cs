using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SoakPS.HelpBuilder;

/// <summary>Markdig blocks and inlines as the plain text MAML carries: paragraphs separated by one blank line.</summary>
public static class MarkdownText
{
    /// <summary>Paragraphs, list items (one paragraph each, marker kept) and code blocks, in order.</summary>
    public static string Of(IEnumerable<Block> blocks) => string.Join("\n\n", blocks.SelectMany(Paragraphs).Where(p => p.Length > 0));

    public static string Code(LeafBlock block) => block.Lines.ToString().Replace("\r\n", "\n").TrimEnd();

    public static string Inline(ContainerInline? container)
    {
        var text = new StringBuilder();
        Append(text, container);
        return text.ToString();
    }

    public static IEnumerable<(string Text, string Url)> Links(IEnumerable<Block> blocks) =>
        blocks.SelectMany(b => b is LeafBlock leaf ? [leaf] : b.Descendants<LeafBlock>())
            .SelectMany(leaf => leaf.Inline?.Descendants<LinkInline>() ?? [])
            .Where(l => !l.IsImage)
            .Select(l => (Inline(l).Trim(), l.Url ?? string.Empty));

    private static IEnumerable<string> Paragraphs(Block block) => block switch
    {
        ParagraphBlock paragraph => [Inline(paragraph.Inline).Trim()],
        HeadingBlock heading => [Inline(heading.Inline).Trim()],
        FencedCodeBlock or CodeBlock => [Code((LeafBlock)block)],
        ListBlock list => list.OfType<ListItemBlock>().Select((item, i) =>
            $"{(list.IsOrdered ? $"{int.Parse(list.OrderedStart ?? "1") + i}." : "-")} {string.Join(" ", item.SelectMany(Paragraphs))}"),
        ContainerBlock container => container.SelectMany(Paragraphs),
        _ => [],
    };

    private static void Append(StringBuilder text, Inline? inline)
    {
        switch (inline)
        {
            case null:
                return;
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                break;
            // Backticks stay: in plain help text they still say "this is literal".
            case CodeInline code:
                text.Append('`').Append(code.Content).Append('`');
                break;
            case LineBreakInline lineBreak:
                text.Append(lineBreak.IsHard ? "\n" : " ");
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            // Text such as ITER_SUMMARY_<n>.json parses as an HTML tag; keep it as written.
            case HtmlInline html:
                text.Append(html.Tag);
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.ToString());
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(text, child);
                }
                break;
        }
    }
}
