namespace SoakPS.HelpBuilder;

/// <summary>One cmdlet's help as written in its docs/en-US/&lt;Verb-Noun&gt;.md page.</summary>
public sealed record HelpPage(
    string Name,
    string Synopsis,
    IReadOnlyList<string> Syntax,
    string Description,
    IReadOnlyList<HelpExample> Examples,
    IReadOnlyList<HelpParameter> Parameters,
    IReadOnlyList<HelpTypeNote> Inputs,
    IReadOnlyList<HelpTypeNote> Outputs,
    string Notes,
    IReadOnlyList<HelpLink> Links)
{
    /// <summary>The parameter sets named by the SYNTAX headings ("### Summary (Default)"), including sets no parameter names.</summary>
    public IReadOnlyList<string> SyntaxSets { get; init; } = [];

    public string Verb => Name.Split('-', 2)[0];

    public string Noun => Name.Contains('-') ? Name.Split('-', 2)[1] : string.Empty;
}

public sealed record HelpExample(string Title, string Code, string Remarks);

/// <summary>A parameter: its description and the PlatyPS yaml block (type, sets, position, pipeline input...).</summary>
public sealed record HelpParameter(
    string Name,
    string Description,
    string Type,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<string> Aliases,
    bool Required,
    string Position,
    string DefaultValue,
    string PipelineInput,
    bool Globbing);

public sealed record HelpTypeNote(string TypeName, string Description);

public sealed record HelpLink(string Text, string Uri);
