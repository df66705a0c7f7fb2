using System.Text.Json;

namespace SoakPS.Module.Tests.Observability;

/// <summary>Real headless Chromium (Debian package chromium) loading a page: its DOM after scripts ran, a screenshot, and its network log.</summary>
public sealed class Chromium : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("soakps-chromium-").FullName;

    public string Screenshot => Path.Combine(_folder, "page.png");

    private string[] Flags(string what, string netLog) => new[]
    {
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--user-data-dir=" + Path.Combine(_folder, "profile-" + what),
        // Chromium's own services still call Google (updates, accounts) despite the flags above: resolve no name but loopback.
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--log-net-log=" + netLog, "--virtual-time-budget=5000",
    };

    /// <summary>The DOM after the page's scripts ran, and every URL the browser requested for it.</summary>
    public (string Dom, IReadOnlyList<BrowserRequest> Requests) Load(string url)
    {
        var log = Path.Combine(_folder, "dom-netlog.json");
        var (exit, output) = ExternalTool.Run("chromium", Flags("dom", log).Append("--dump-dom").Append(url), timeout: TimeSpan.FromSeconds(90));
        Assert.True(exit == 0, "chromium --dump-dom failed: " + output);
        return (output, Requests(log));
    }

    /// <summary>Takes a screenshot of the page; returns it and the URLs requested meanwhile.</summary>
    public (PngImage Image, IReadOnlyList<BrowserRequest> Requests) Shoot(string url)
    {
        var log = Path.Combine(_folder, "shot-netlog.json");
        var (exit, output) = ExternalTool.Run("chromium",
            Flags("shot", log).Append("--window-size=1280,2400").Append("--screenshot=" + Screenshot).Append(url), timeout: TimeSpan.FromSeconds(90));
        Assert.True(exit == 0 && File.Exists(Screenshot), "chromium --screenshot failed: " + output);
        return (PngImage.Read(Screenshot), Requests(log));
    }

    /// <summary>Every URL request in a Chromium net log (URL_REQUEST_START_JOB events) with its initiator.</summary>
    private static IReadOnlyList<BrowserRequest> Requests(string netLog)
    {
        var text = File.ReadAllText(netLog).TrimEnd();
        // Chromium may end before closing the JSON array; close it ourselves.
        if (!text.EndsWith("}", StringComparison.Ordinal)) text = text.TrimEnd(',') + "]}";
        using var doc = JsonDocument.Parse(text);
        var startJob = doc.RootElement.GetProperty("constants").GetProperty("logEventTypes").GetProperty("URL_REQUEST_START_JOB").GetInt32();
        var requests = new List<BrowserRequest>();
        foreach (var e in doc.RootElement.GetProperty("events").EnumerateArray())
        {
            if (e.GetProperty("type").GetInt32() == startJob && e.TryGetProperty("params", out var p) && p.TryGetProperty("url", out var url))
            {
                requests.Add(new BrowserRequest(url.GetString()!, p.TryGetProperty("initiator", out var i) ? i.GetString() : null));
            }
        }
        return requests;
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <param name="Initiator">The origin that caused the request; "not an origin" for the browser's own services.</param>
public sealed record BrowserRequest(string Url, string? Initiator)
{
    /// <summary>Chromium's own background services that the launch flags do not silence (component updates, account checks).</summary>
    private static readonly string[] BrowserServiceHosts = { "update.googleapis.com", "accounts.google.com", "clients2.google.com", "optimizationguide-pa.googleapis.com" };

    public bool ByBrowserItself => Initiator == "not an origin";

    public bool IsBrowserService => ByBrowserItself && Uri.TryCreate(Url, UriKind.Absolute, out var u) && BrowserServiceHosts.Contains(u.Host);
}
