using System.Net;
using System.Text.RegularExpressions;

namespace SoakPS.Module.Tests.Observability;

/// <summary>
/// Headless Chromium loads the live dashboard during a simulated run and the exported report of one: drawn, not blank,
/// and (by the browser's own net log) nothing reached but the loopback server.
/// </summary>
public class DashboardBrowserTests
{
    /// <summary>The stroke colour of the first KPI chart (net_bps) in dashboard.js.</summary>
    private static readonly (byte R, byte G, byte B) NetBpsColour = (0x1f, 0x77, 0xb4);

    private static int RenderedIterations(string dom) =>
        int.Parse(Regex.Match(dom, "data-rendered-iterations=\"(\\d+)\"").Groups[1].Value is { Length: > 0 } n ? n : "0");

    private static int[] SeriesPoints(string dom) =>
        Regex.Matches(dom, "class=\"series\" data-points=\"(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value)).ToArray();

    private static void AssertDrawn(PngImage image)
    {
        var colours = new HashSet<(byte, byte, byte)>();
        var line = 0;
        foreach (var p in image.Pixels())
        {
            colours.Add(p);
            if (Math.Abs(p.R - NetBpsColour.R) < 8 && Math.Abs(p.G - NetBpsColour.G) < 8 && Math.Abs(p.B - NetBpsColour.B) < 8) line++;
        }
        Assert.True(colours.Count > 50, $"the screenshot looks blank ({colours.Count} colours)");
        Assert.True(line > 200, $"the net_bps line is not drawn ({line} pixels of its colour)");
    }

    private static IPEndPoint EndpointOf(string baseUrl) => new(IPAddress.Loopback, new Uri(baseUrl).Port);

    [Fact]
    public void The_live_dashboard_draws_the_runs_iterations_as_they_complete_from_the_loopback_server_only()
    {
        using var s = new PowerShellSession();
        using var browser = new Chromium();
        using var run = new BackgroundRun(s, $"Start-SoakRun -Simulate -Iterations 100000 -IterationMinutes 1 -AutoTune -IntervalSeconds 0.2 -Dashboard -ArtifactPath '{s.ArtifactRoot}'");
        var url = run.BaseUrl();
        run.WaitForIterations(5, TimeSpan.FromMinutes(1));

        var (dom, domNet) = browser.Load(url);
        var first = RenderedIterations(dom);
        Assert.True(first >= 5, $"the page drew {first} iterations");
        var points = SeriesPoints(dom);
        Assert.True(points.Length >= 8 + 6, $"{points.Length} charts drawn (8 KPIs and 6 parameters expected)");
        Assert.All(points.Take(1), p => Assert.True(p >= 5));
        Assert.Contains("Current overrides", dom);
        Assert.Matches("<td>min_interval_ms</td><td>[0-9.]+</td><td>(start of run|tuned at iteration \\d+|panic revert at iteration \\d+)", dom);
        Assert.Contains("source simulate", dom);
        domNet.AssertReachedOnly(EndpointOf(url), url);
        // The page fetched the whole history once, then only what came after the last iteration it had.
        Assert.Contains(domNet.Requests, r => r.Url == url + "data.json?since=0");
        Assert.Contains(domNet.Requests, r => Regex.IsMatch(r.Url, "data\\.json\\?since=[1-9][0-9]*$"));

        var (image, shotNet) = browser.Shoot(url);
        AssertDrawn(image);
        shotNet.AssertReachedOnly(EndpointOf(url), url);

        // It updates as iterations complete.
        run.WaitForIterations(run.Iterations + 5, TimeSpan.FromMinutes(1));
        Assert.True(RenderedIterations(browser.Load(url).Dom) > first);
        run.Stop();
    }

    [Fact]
    public void The_exported_report_opens_from_disk_drawn_and_without_any_request()
    {
        using var s = new PowerShellSession();
        using var browser = new Chromium();
        var report = Path.Combine(s.ArtifactRoot, "report.html");
        Assert.Null(s.Run($"Start-SoakRun -Simulate -Iterations 24 -IterationMinutes 1 -AutoTune -ArtifactPath '{s.ArtifactRoot}'").Terminating);
        Assert.Null(s.Run($"Export-SoakReport -Path '{report}' -ArtifactPath '{s.ArtifactRoot}'").Terminating);
        var url = new Uri(report).AbsoluteUri;

        var (dom, domNet) = browser.Load(url);
        Assert.Equal(24, RenderedIterations(dom));
        var points = SeriesPoints(dom);
        Assert.Equal(14, points.Length);
        Assert.All(points, p => Assert.Equal(24, p));
        Assert.Contains("source simulate", dom);
        domNet.AssertReachedOnly(server: null, url);

        var (image, shotNet) = browser.Shoot(url);
        AssertDrawn(image);
        shotNet.AssertReachedOnly(server: null, url);
    }
}
