using System.Reflection;
using System.Text;

namespace SoakPS.Engine.Observability;

/// <summary>
/// The dashboard as one HTML page whose script and style are embedded resources of this assembly (no CDN, no
/// request beyond the server that serves it): live, it polls data.json; exported, it carries its data inline.
/// </summary>
public static class DashboardPage
{
    private static readonly Lazy<string> Template = new(() => Resource("dashboard.html")
        .Replace("{{STYLE}}", Resource("dashboard.css"), StringComparison.Ordinal)
        .Replace("{{SCRIPT}}", Resource("dashboard.js"), StringComparison.Ordinal));

    /// <summary>The page the live server serves at "/": it fetches data.json from the same server.</summary>
    public static string Live(string title) => Build(title, "null");

    /// <summary>A self-contained report: the data (JSON whose &lt; &gt; &amp; are escaped, so it cannot close the script) rides inside.</summary>
    public static string WithData(string title, string dataJson) => Build(title, dataJson);

    private static string Build(string title, string dataJson) => Template.Value
        .Replace("{{TITLE}}", System.Net.WebUtility.HtmlEncode(title), StringComparison.Ordinal)
        .Replace("{{DATA}}", dataJson, StringComparison.Ordinal);

    private static string Resource(string name)
    {
        var assembly = typeof(DashboardPage).Assembly;
        using var stream = assembly.GetManifestResourceStream("SoakPS.Engine.Observability.Assets." + name)
            ?? throw new InvalidOperationException($"The dashboard resource {name} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
