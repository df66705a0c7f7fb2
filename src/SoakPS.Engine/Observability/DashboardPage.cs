using System.Reflection;
using System.Text;

namespace SoakPS.Engine.Observability;

/// <summary>
/// The dashboard as one HTML page whose script and style are embedded resources of this assembly (no CDN, no
/// request beyond the server that serves it): live, it polls data.json; exported, it carries its data inline.
/// </summary>
internal static partial class DashboardPage
{
    /// <summary>The page cut at its {{MARKER}}s once: literal text at even places, marker names at odd ones.</summary>
    private static readonly Lazy<string[]> Parts = new(() => Marker().Split(Resource("dashboard.html")));

    private static readonly Lazy<string> Style = new(() => Resource("dashboard.css"));
    private static readonly Lazy<string> Script = new(() => Resource("dashboard.js"));

    /// <summary>The page the live server serves at "/": it fetches data.json from the same server.</summary>
    public static string Live(string title) => Build(title, "null");

    /// <summary>A self-contained report: the data (JSON whose &lt; &gt; &amp; are escaped, so it cannot close the script) rides inside.</summary>
    public static string WithData(string title, string dataJson) => Build(title, dataJson);

    /// <summary>
    /// One pass over the page's own parts, each value written once where its marker was: a value is never searched
    /// for markers, so a run id such as "{{DATA}}" stays text.
    /// </summary>
    private static string Build(string title, string dataJson)
    {
        var parts = Parts.Value;
        var page = new StringBuilder(parts.Sum(p => p.Length) + Style.Value.Length + Script.Value.Length + dataJson.Length + title.Length * 6);
        for (var i = 0; i < parts.Length; i++)
        {
            page.Append(i % 2 == 0 ? parts[i] : parts[i] switch
            {
                "TITLE" => System.Net.WebUtility.HtmlEncode(title),
                "DATA" => dataJson,
                "STYLE" => Style.Value,
                "SCRIPT" => Script.Value,
                var unknown => throw new InvalidOperationException($"The dashboard page has an unknown marker {{{{{unknown}}}}}."),
            });
        }
        return page.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{([A-Z]+)\}\}")]
    private static partial System.Text.RegularExpressions.Regex Marker();

    private static string Resource(string name)
    {
        var assembly = typeof(DashboardPage).Assembly;
        using var stream = assembly.GetManifestResourceStream("SoakPS.Engine.Observability.Assets." + name)
            ?? throw new InvalidOperationException($"The dashboard resource {name} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
