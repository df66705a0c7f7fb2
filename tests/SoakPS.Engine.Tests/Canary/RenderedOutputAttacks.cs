using System.Text.RegularExpressions;
using SoakPS.Engine.Canary;
using SoakPS.Engine.Observability;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;

namespace SoakPS.Engine.Tests.Attacks;

/// <summary>
/// Attack class "rendered output": a run id "{{DATA}}" was expanded as a template marker into the report's title, and a
/// parameter name with '|', line breaks and &lt;script&gt; broke CANARY_REPORT.md's table and put raw HTML in it.
/// </summary>
[Trait("Category", "Attack")]
public sealed class RenderedOutputAttacks
{
    [Theory]
    [InlineData("{{DATA}}")]
    [InlineData("{{SCRIPT}}{{STYLE}}{{TITLE}}")]
    [InlineData("</title><script>alert(1)</script>")]
    public void A_title_is_text_however_it_looks(string title)
    {
        var html = DashboardPage.WithData(title, """{"points":[]}""");
        Assert.Contains("<title>SoakPS " + System.Net.WebUtility.HtmlEncode(title) + "</title>", html);
        Assert.Single(Regex.Matches(html, "<script id=\"soak-data\""));
        Assert.Equal("""{"points":[]}""", Regex.Match(html, "<script id=\"soak-data\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value);
        Assert.Equal(DashboardPage.WithData("x", """{"points":[]}""").Length - 1 + System.Net.WebUtility.HtmlEncode(title).Length, html.Length);
    }

    [Theory]
    [InlineData("a|b", "a\\|b")]
    [InlineData("line\nbreak\r\n", "line break  ")]
    [InlineData("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;")]
    [InlineData("back\\slash & co", "back\\\\slash &amp; co")]
    public void A_markdown_cell_keeps_its_text_in_its_cell(string text, string cell)
    {
        Assert.Equal(cell, MarkdownCell.Escape(text));
    }

    [Theory]
    [InlineData("x|y")]
    [InlineData("evil\n| row |")]
    [InlineData("<script>")]
    [InlineData("Upper")]
    public void A_profile_cannot_add_a_parameter_whose_name_is_not_a_name(string name)
    {
        var json = "{\"description\": \"d\", \"parameters\": {}, \"policy\": {\"bounds\": {" + System.Text.Json.JsonSerializer.Serialize(name) + ": {\"min\": 0, \"max\": 1}}}}";
        var e = Assert.Throws<SoakException>(() => ProfileFile.Parse("evil", json, "profiles/evil.json", ParameterCatalog.Default));
        Assert.Contains("is not a parameter name", e.Message);
    }
}
