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
        "--no-first-run", "--user-data-dir=" + Path.Combine(_folder, "profile-" + what), "--log-net-log=" + netLog, "--virtual-time-budget=5000",
    };

    /// <summary>The DOM after the page's scripts ran, and every URL the browser requested for it.</summary>
    public (string Dom, IReadOnlyList<string> Requests) Load(string url)
    {
        var log = Path.Combine(_folder, "dom-netlog.json");
        var (exit, output) = ExternalTool.Run("chromium", Flags("dom", log).Append("--dump-dom").Append(url), timeout: TimeSpan.FromSeconds(90));
        Assert.True(exit == 0, "chromium --dump-dom failed: " + output);
        return (output, Requests(log));
    }

    /// <summary>Takes a screenshot of the page; returns it and the URLs requested meanwhile.</summary>
    public (PngImage Image, IReadOnlyList<string> Requests) Shoot(string url)
    {
        var log = Path.Combine(_folder, "shot-netlog.json");
        var (exit, output) = ExternalTool.Run("chromium",
            Flags("shot", log).Append("--window-size=1280,2400").Append("--screenshot=" + Screenshot).Append(url), timeout: TimeSpan.FromSeconds(90));
        Assert.True(exit == 0 && File.Exists(Screenshot), "chromium --screenshot failed: " + output);
        return (PngImage.Read(Screenshot), Requests(log));
    }

    /// <summary>The URLs of every request in a Chromium net log (URL_REQUEST_START_JOB and friends carry params.url).</summary>
    private static IReadOnlyList<string> Requests(string netLog)
    {
        var text = File.ReadAllText(netLog).TrimEnd();
        // Chromium may be killed before closing the JSON; close it ourselves.
        if (!text.EndsWith("}", StringComparison.Ordinal)) text = text.TrimEnd(',') + "]}";
        using var doc = JsonDocument.Parse(text);
        var urls = new List<string>();
        foreach (var e in doc.RootElement.GetProperty("events").EnumerateArray())
        {
            if (e.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String)
            {
                urls.Add(u.GetString()!);
            }
        }
        return urls.Distinct().ToList();
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
