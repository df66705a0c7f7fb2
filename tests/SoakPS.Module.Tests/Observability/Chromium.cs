
namespace SoakPS.Module.Tests.Observability;

/// <summary>Real headless Chromium (Debian package chromium) loading a page: its DOM after scripts ran, a screenshot, and its network log.</summary>
public sealed class Chromium : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("soakps-chromium-").FullName;

    public string Screenshot => Path.Combine(_folder, "page.png");

    /// <summary>
    /// Headless, with every background service that has a switch switched off: component and extension updates, sync,
    /// network time, crash and metrics uploads, safe-browsing models, domain reliability reports, hyperlink pings.
    /// Three calls have no switch in this Chromium (the optimization guide's on-device model manifest, which the component
    /// updater fetches "in the foreground" despite --disable-component-update; the account check (ListAccounts) at
    /// profile start; the IPv6 reachability probe, a UDP connect() that sends nothing): the resolver rule answers every
    /// name but 127.0.0.1 with "not found", so they end at the resolver, and <see cref="BrowserNetLog"/> checks that they did.
    /// </summary>
    private string[] Flags(string what, string netLog) => new[]
    {
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--user-data-dir=" + Path.Combine(_folder, "profile-" + what),
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
        "--disable-breakpad", "--metrics-recording-only", "--disable-client-side-phishing-detection", "--disable-domain-reliability", "--no-pings",
        "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,OptimizationGuideModelDownloading", "--password-store=basic",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--log-net-log=" + netLog, "--virtual-time-budget=5000",
    };

    /// <summary>The DOM after the page's scripts ran, and the browser's own log of its network activity meanwhile.</summary>
    public (string Dom, BrowserNetLog Net) Load(string url)
    {
        var log = Path.Combine(_folder, "dom-netlog.json");
        var (exit, output) = ExternalTool.Run("chromium", Flags("dom", log).Append("--dump-dom").Append(url), timeout: TimeSpan.FromSeconds(90));
        Assert.True(exit == 0, "chromium --dump-dom failed: " + output);
        return (output, BrowserNetLog.Read(log));
    }

    /// <summary>Takes a screenshot of the page; returns it and the browser's network log meanwhile.</summary>
    public (PngImage Image, BrowserNetLog Net) Shoot(string url)
    {
        var log = Path.Combine(_folder, "shot-netlog.json");
        var (exit, output) = ExternalTool.Run("chromium",
            Flags("shot", log).Append("--window-size=1280,2400").Append("--screenshot=" + Screenshot).Append(url), timeout: TimeSpan.FromSeconds(90));
        Assert.True(exit == 0 && File.Exists(Screenshot), "chromium --screenshot failed: " + output);
        return (PngImage.Read(Screenshot), BrowserNetLog.Read(log));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
