using System.Xml.Linq;

namespace SoakPS.HelpBuilder;

/// <summary>Writes help pages as the MAML document PowerShell's Get-Help reads (SoakPS.dll-Help.xml).</summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Write(IEnumerable<HelpPage> pages) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems",
                new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                pages.Select(CommandElement)));

    private static XElement CommandElement(HelpPage page) =>
        new(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", page.Name),
                new XElement(Command + "verb", page.Verb),
                new XElement(Command + "noun", page.Noun),
                Description(page.Synopsis)),
            Description(page.Description),
            new XElement(Command + "syntax", SyntaxItems(page)),
            new XElement(Command + "parameters", page.Parameters.Select(p => Parameter(p))),
            new XElement(Command + "inputTypes", page.Inputs.Select(i =>
                new XElement(Command + "inputType", TypeElement(i.TypeName), Description(i.Description)))),
            new XElement(Command + "returnValues", page.Outputs.Select(o =>
                new XElement(Command + "returnValue", TypeElement(o.TypeName), Description(o.Description)))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(page.Notes))),
            new XElement(Command + "examples", page.Examples.Select(e =>
                new XElement(Command + "example",
                    new XElement(Maml + "title", $"-------------------------- {e.Title} --------------------------"),
                    new XElement(Dev + "code", e.Code),
                    new XElement(Dev + "remarks", Paragraphs(e.Remarks))))),
            new XElement(Command + "relatedLinks", page.Links.Select(l =>
                new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", l.Text), new XElement(Maml + "uri", l.Uri)))));

    /// <summary>
    /// One syntax item per parameter set, those of the SYNTAX headings first (a set such as the default "Summary" may
    /// have no parameter of its own); parameters in "(All)" join every set.
    /// </summary>
    private static IEnumerable<XElement> SyntaxItems(HelpPage page)
    {
        var sets = page.SyntaxSets.Concat(page.Parameters.SelectMany(p => p.ParameterSets))
            .Where(s => !string.Equals(s, "(All)", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (sets.Count == 0)
        {
            sets.Add("(All)");
        }
        return sets.Select(set => new XElement(Command + "syntaxItem",
            new XElement(Maml + "name", page.Name),
            page.Parameters
                .Where(p => p.ParameterSets.Any(s => string.Equals(s, set, StringComparison.OrdinalIgnoreCase) || string.Equals(s, "(All)", StringComparison.OrdinalIgnoreCase)))
                .Select(p => Parameter(p, inSyntax: true))));
    }

    private static XElement Parameter(HelpParameter p, bool inSyntax = false)
    {
        var isSwitch = p.Type.Equals("SwitchParameter", StringComparison.OrdinalIgnoreCase);
        return new XElement(Command + "parameter",
            new XAttribute("required", p.Required ? "true" : "false"),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", p.Globbing ? "true" : "false"),
            new XAttribute("pipelineInput", p.PipelineInput),
            new XAttribute("position", string.Equals(p.Position, "named", StringComparison.OrdinalIgnoreCase) ? "named" : p.Position),
            new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
            new XElement(Maml + "name", p.Name),
            Description(p.Description),
            isSwitch && inSyntax ? null : new XElement(Command + "parameterValue", new XAttribute("required", isSwitch ? "false" : "true"), new XAttribute("variableLength", "false"), p.Type),
            TypeElement(p.Type),
            new XElement(Dev + "defaultValue", p.DefaultValue));
    }

    private static XElement TypeElement(string typeName) =>
        new(Dev + "type", new XElement(Maml + "name", typeName), new XElement(Maml + "uri"));

    private static XElement Description(string text) => new(Maml + "description", Paragraphs(text));

    private static IEnumerable<XElement> Paragraphs(string text) =>
        text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(p => new XElement(Maml + "para", p));
}
