using System.Text;
using System.Text.RegularExpressions;

namespace SoakPS.HelpBuilder;

/// <summary>
/// Reads a PlatyPS-style page: '# Verb-Noun', '## SYNOPSIS', '## SYNTAX', '## DESCRIPTION', '## EXAMPLES' with
/// '### Example n: ...' and a fenced block, '## PARAMETERS' with '### -Name' and a yaml block, '## INPUTS',
/// '## OUTPUTS', '## NOTES', '## RELATED LINKS'. Lenient: a missing section yields empty text and a warning;
/// the module tests decide what is complete.
/// </summary>
public static partial class MarkdownHelpParser
{
    public static HelpPage Parse(string markdown, Action<string> warn)
    {
        var lines = StripFrontMatter(markdown.Replace("\r\n", "\n").Split('\n'));
        var title = lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim()
            ?? throw new FormatException("no '# Verb-Noun' title line");
        var sections = SplitBy(lines, "## ");
        string Section(string name)
        {
            var text = sections.TryGetValue(name, out var body) ? Text(body) : string.Empty;
            if (text.Length == 0 && name is "SYNOPSIS" or "DESCRIPTION")
            {
                warn($"{title}: section '## {name}' is missing or empty");
            }
            return text;
        }

        return new HelpPage(
            title,
            Section("SYNOPSIS"),
            sections.TryGetValue("SYNTAX", out var syntax) ? FencedBlocks(syntax) : [],
            Section("DESCRIPTION"),
            sections.TryGetValue("EXAMPLES", out var examples) ? ParseExamples(examples) : [],
            sections.TryGetValue("PARAMETERS", out var parameters) ? ParseParameters(parameters) : [],
            sections.TryGetValue("INPUTS", out var inputs) ? ParseTypeNotes(inputs) : [],
            sections.TryGetValue("OUTPUTS", out var outputs) ? ParseTypeNotes(outputs) : [],
            sections.TryGetValue("NOTES", out var notes) ? Text(notes) : string.Empty,
            sections.TryGetValue("RELATED LINKS", out var links) ? ParseLinks(links) : []);
    }

    private static string[] StripFrontMatter(string[] lines)
    {
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return lines;
        }
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        return end < 0 ? lines : lines[(end + 1)..];
    }

    /// <summary>Splits lines into sections by a heading prefix, keyed by the upper-cased heading text, in order.</summary>
    private static Dictionary<string, List<string>> SplitBy(IEnumerable<string> lines, string prefix)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        List<string>? current = null;
        var inFence = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            if (!inFence && line.StartsWith(prefix, StringComparison.Ordinal))
            {
                current = new List<string>();
                result.TryAdd(line[prefix.Length..].Trim(), current);
                continue;
            }
            current?.Add(line);
        }
        return result;
    }

    private static List<(string Heading, List<string> Body)> SubSections(IEnumerable<string> lines)
    {
        var result = new List<(string, List<string>)>();
        var inFence = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            if (!inFence && line.StartsWith("### ", StringComparison.Ordinal))
            {
                result.Add((line[4..].Trim(), new List<string>()));
                continue;
            }
            if (result.Count > 0)
            {
                result[^1].Item2.Add(line);
            }
        }
        return result;
    }

    /// <summary>Prose without fenced blocks, paragraphs separated by one blank line.</summary>
    private static string Text(IEnumerable<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        var inFence = false;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }
            if (inFence)
            {
                current.Append(current.Length > 0 ? "\n" : string.Empty).Append(line);
                continue;
            }
            if (line.Length == 0)
            {
                Flush();
                continue;
            }
            var listItem = line.TrimStart().StartsWith("- ", StringComparison.Ordinal) || ListNumber().IsMatch(line);
            if (listItem)
            {
                Flush();
            }
            current.Append(current.Length > 0 ? " " : string.Empty).Append(line.Trim());
        }
        Flush();
        return string.Join("\n\n", paragraphs);

        void Flush()
        {
            if (current.Length > 0)
            {
                paragraphs.Add(current.ToString());
                current.Clear();
            }
        }
    }

    private static List<string> FencedBlocks(IEnumerable<string> lines)
    {
        var blocks = new List<string>();
        StringBuilder? block = null;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                if (block is null)
                {
                    block = new StringBuilder();
                }
                else
                {
                    blocks.Add(block.ToString().TrimEnd());
                    block = null;
                }
                continue;
            }
            block?.Append(line.TrimEnd()).Append('\n');
        }
        return blocks;
    }

    private static List<HelpExample> ParseExamples(IEnumerable<string> lines)
    {
        var examples = new List<HelpExample>();
        foreach (var (heading, body) in SubSections(lines))
        {
            var fence = body.FindIndex(l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
            var close = fence < 0 ? -1 : body.FindIndex(fence + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
            var code = fence < 0 || close < 0 ? string.Empty : string.Join("\n", body.Skip(fence + 1).Take(close - fence - 1)).TrimEnd();
            var remarks = close < 0 ? Text(body) : Text(body.Take(fence).Concat(body.Skip(close + 1)));
            examples.Add(new HelpExample(heading, code, remarks));
        }
        return examples;
    }

    private static List<HelpParameter> ParseParameters(IEnumerable<string> lines)
    {
        var parameters = new List<HelpParameter>();
        foreach (var (heading, body) in SubSections(lines))
        {
            if (!heading.StartsWith('-'))
            {
                continue; // "### CommonParameters" describes PowerShell's own parameters.
            }
            var fence = body.FindIndex(l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
            var close = fence < 0 ? -1 : body.FindIndex(fence + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
            var yaml = fence < 0 || close < 0 ? [] : ParseYaml(body.Skip(fence + 1).Take(close - fence - 1));
            var description = Text(fence < 0 ? body : body.Take(fence).Concat(close < 0 ? [] : body.Skip(close + 1)));
            string Field(string key, string fallback) => yaml.TryGetValue(key, out var v) && v.Length > 0 ? v : fallback;
            parameters.Add(new HelpParameter(
                heading[1..].Trim(),
                description,
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

    private static Dictionary<string, string> ParseYaml(IEnumerable<string> lines)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                result[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
        return result;
    }

    private static List<string> SplitList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static List<HelpTypeNote> ParseTypeNotes(IEnumerable<string> lines)
    {
        var notes = SubSections(lines).Select(s => new HelpTypeNote(s.Heading, Text(s.Body))).ToList();
        if (notes.Count == 0)
        {
            var text = Text(lines);
            if (text.Length > 0)
            {
                notes.Add(new HelpTypeNote(text.Split('\n')[0], string.Empty));
            }
        }
        return notes;
    }

    private static List<HelpLink> ParseLinks(IEnumerable<string> lines) =>
        lines.Select(l => LinkPattern().Match(l)).Where(m => m.Success)
            .Select(m => new HelpLink(m.Groups["text"].Value, m.Groups["uri"].Value)).ToList();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\((?<uri>[^)]*)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^\s*\d+\.\s")]
    private static partial Regex ListNumber();
}
