using System.Text;

namespace SoakPS.Engine.Canary;

/// <summary>
/// Text put into a Markdown table cell or list item: a '|' would end the cell, a line break the row, and GitHub and
/// wikis render raw HTML, so '|' and '\' are escaped, line breaks become spaces and &lt; &gt; &amp; become entities.
/// </summary>
internal static class MarkdownCell
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '|' => "\\|",
                '\\' => "\\\\",
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '\r' or '\n' or '\u2028' or '\u2029' => " ",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }
}
