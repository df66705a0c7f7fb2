using System.Net;
using System.Text.RegularExpressions;

namespace SoakPS.Module.Tests.Observability;

/// <summary>
/// Headless Chromium loads the live dashboard during a simulated run and the exported report of one: drawn, not blank,
/// and (by the browser's own net log) nothing reached but the loopback server.
/// </summary>
[Trait("Category", "Browser")]
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

    /// <summary>The symbol each verdict carries besides its colour (dashboard.js MARKS).</summary>
    private static string Mark(string verdict) => verdict switch { "OK" => "✓", "WARN" => "!", "FAIL" => "✗", _ => "?" };

    /// <summary>Pixels within a small distance of a colour (antialiased edges of thin lines and text blend with the background).</summary>
    private static int PixelsNear(PngImage image, (byte R, byte G, byte B) colour, int tolerance, int maxY = int.MaxValue) =>
        Enumerable.Range(0, Math.Min(image.Height, maxY)).Sum(y => Enumerable.Range(0, image.Width).Count(x =>
        {
            var p = image[x, y];
            return Math.Abs(p.R - colour.R) <= tolerance && Math.Abs(p.G - colour.G) <= tolerance && Math.Abs(p.B - colour.B) <= tolerance;
        }));

    /// <summary>The thresholds a chart draws (its data-thresholds attribute): "FAIL 2 WARN 2.7".</summary>
    private static string Thresholds(string dom, string series) =>
        Regex.Match(dom, $"data-series=\"{series}\".*?data-thresholds=\"([^\"]*)\"", RegexOptions.Singleline).Groups[1].Value;

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
        // The thresholds of the run's KPI policy (the defaults here) ride in data.json and are drawn on their charts.
        Assert.Equal("FAIL 2 WARN 2.7", Thresholds(dom, "net_bps"));
        Assert.Equal("FAIL 0.5 WARN 0.4", Thresholds(dom, "risk_ratio"));
        Assert.Matches("<span id=\"run-verdict\" class=\"verdict v-(OK|WARN|FAIL|INVALID)\">run verdict so far . (OK|WARN|FAIL|INVALID)</span>", dom);
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
    public void A_page_open_during_the_run_shows_its_last_iteration_the_run_verdict_and_that_it_ended()
    {
        using var s = new PowerShellSession();
        using var run = new BackgroundRun(s, $"Start-SoakRun -Simulate -Iterations 80 -IterationMinutes 1 -AutoTune -IntervalSeconds 0.25 -Dashboard -ArtifactPath '{s.ArtifactRoot}'");
        using var page = new ChromiumPage(run.BaseUrl());
        Assert.True(page.WaitUntil("document.body.getAttribute('data-run-state') === 'running'", TimeSpan.FromMinutes(1)),
            $"the page never showed the live run: {page.Text("run-state")}");
        Assert.True(run.Iterations < 80, "the run ended before the page opened; the test shows nothing");

        Assert.Null(run.Wait(TimeSpan.FromMinutes(2)));
        var verdict = (string)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(s.ArtifactRoot, "latest", "run.json")))!["verdict"]!;
        // The server is gone now: what the page shows is what it fetched before the run's cmdlet returned (drawn a moment later on a busy machine).
        Assert.True(page.WaitUntil("document.body.getAttribute('data-run-state') === 'ended'", TimeSpan.FromSeconds(20)), $"the page shows {page.Text("run-state")}");
        Assert.Equal("80", page.BodyAttribute("data-rendered-iterations"));
        var facts = page.Text("run-facts");
        Assert.Contains("status completed", facts);
        Assert.Contains("iteration 80 of 80", facts);
        Assert.Equal($"run verdict {Mark(verdict)} {verdict}", page.Text("run-verdict"));
        Assert.Equal("verdict v-" + verdict, (string?)page.Evaluate("document.getElementById('run-verdict').className"));
        Assert.StartsWith("Run ended (completed at ", page.Text("run-state"));
        // The final state is final: the page does not poll a server that is gone and call itself stale.
        Thread.Sleep(TimeSpan.FromSeconds(4));
        Assert.Equal("ended", page.BodyAttribute("data-run-state"));
    }

    [Fact]
    public void A_page_whose_server_is_gone_mid_run_says_so_and_keeps_the_last_state()
    {
        using var temp = new TempFolder("soakps-stale-");
        var script = $"{EndToEnd.Pwsh.ImportModule}\nStart-SoakRun -Simulate -Iterations 100000 -IterationMinutes 1 -IntervalSeconds 0.2 -Dashboard -ArtifactPath {EndToEnd.Pwsh.Quote(temp.Path)} | Out-Null";
        using var pwsh = System.Diagnostics.Process.Start(EndToEnd.Pwsh.StartInfo(temp.Path, EndToEnd.Pwsh.CommandLine(script)))!;
        try
        {
            pwsh.StandardInput.Close();
            string? url = null;
            while (url is null && pwsh.StandardOutput.ReadLine() is { } line)
            {
                var found = Regex.Match(line, @"Dashboard: (http://\S+/)");
                if (found.Success) url = found.Groups[1].Value;
            }
            Assert.NotNull(url);
            using var page = new ChromiumPage(url);
            Assert.True(page.WaitUntil("Number(document.body.getAttribute('data-rendered-iterations')) >= 3", TimeSpan.FromMinutes(1)), page.Text("run-state"));

            pwsh.Kill(entireProcessTree: true);
            Assert.True(pwsh.WaitForExit(TimeSpan.FromSeconds(30)));
            Assert.True(page.WaitUntil("document.body.getAttribute('data-run-state') === 'stale'", TimeSpan.FromSeconds(20)),
                $"the page did not notice that its server is gone: {page.Text("run-state")}");
            Assert.Matches(@"^Lost the server at .*showing the last state received, iteration \d+ of 100000", page.Text("run-state"));
            Assert.True(int.Parse(page.BodyAttribute("data-rendered-iterations")!) >= 3, "the page dropped what it had");
        }
        finally
        {
            if (!pwsh.HasExited) pwsh.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void A_constant_parameter_gets_an_axis_around_its_value_and_verdict_chips_carry_their_verdict_in_text()
    {
        using var s = new PowerShellSession();
        using var browser = new Chromium();
        var report = Path.Combine(s.ArtifactRoot, "report.html");
        // Without -AutoTune no parameter moves; two mock iterations of the default start fail their KPIs.
        var run = s.Run($"Start-SoakRun -Mock -Iterations 2 -ArtifactPath '{s.ArtifactRoot}'");
        Assert.Null(s.Run($"Export-SoakReport -Path '{report}' -ArtifactPath '{s.ArtifactRoot}'").Terminating);
        var dom = browser.Load(new Uri(report).AbsoluteUri).Dom;

        var axis = Regex.Match(dom, "data-series=\"min_interval_ms\".*?data-axis=\"([^\"]+)\"", RegexOptions.Singleline).Groups[1].Value.Split(' ').Select(double.Parse).ToArray();
        var value = (double)run.Output[0].Prop<decimal?>("MinIntervalMs")!.Value;
        Assert.InRange(axis[0], value * 0.85, value);
        Assert.InRange(axis[1], value, value * 1.15);
        foreach (var verdict in run.Output.Select(o => o.Prop<string>("Verdict")))
        {
            // The chip's title names the iteration's time as the reader's clock shows it, not an ISO 8601 string.
            Assert.Matches($"class=\"verdict v-{verdict}\" title=\"iteration \\d+ \\([^)T]*\\): {verdict}[^>]*>\\d+ {Regex.Escape(Mark(verdict))}<", dom);
        }
        Assert.DoesNotMatch("\\d{4}-\\d\\d-\\d\\dT\\d\\d:", Regex.Replace(dom, "<script.*?</script>", "", RegexOptions.Singleline));
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

    [Fact]
    public void The_report_draws_the_kpi_thresholds_of_the_runs_profile_and_the_run_verdict_in_its_header()
    {
        using var s = new PowerShellSession();
        using var browser = new Chromium();
        Directory.CreateDirectory(Path.Combine(s.ArtifactRoot, "profiles"));
        // A profile whose policy moves two thresholds: the report draws these, not the defaults.
        File.WriteAllText(Path.Combine(s.ArtifactRoot, "profiles", "strict.json"),
            """{"parameters": {}, "policy": {"kpi": {"warn_net_bps_below": 3.1, "fail_net_bps_below": 1.5}}}""");
        var run = s.Run($"Start-SoakRun -Mock -Iterations 6 -Profile strict -ArtifactPath '{s.ArtifactRoot}'");
        Assert.Null(run.Terminating);
        var report = Path.Combine(s.ArtifactRoot, "report.html");
        Assert.Null(s.Run($"Export-SoakReport -Path '{report}' -ArtifactPath '{s.ArtifactRoot}'").Terminating);
        var url = new Uri(report).AbsoluteUri;
        var verdict = (string)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(s.ArtifactRoot, "latest", "run.json")))!["verdict"]!;

        var dom = browser.Load(url).Dom;
        Assert.Equal("FAIL 1.5 WARN 3.1", Thresholds(dom, "net_bps"));
        Assert.Equal("FAIL 400 WARN 350", Thresholds(dom, "p95_latency_ms"));
        Assert.Equal("WARN 0.85", Thresholds(dom, "maker_taker_ratio"));
        Assert.Equal("", Thresholds(dom, "cancel_ratio"));
        Assert.Contains("WARN below 3.10", dom);
        Assert.Contains($"<span id=\"run-verdict\" class=\"verdict v-{verdict}\">run verdict {Mark(verdict)} {verdict}</span>", dom);
        // Each threshold lies within its chart's axis, so its line is drawn inside the plot.
        var axis = Regex.Match(dom, "data-series=\"net_bps\".*?data-axis=\"([^\"]+)\"", RegexOptions.Singleline).Groups[1].Value.Split(' ').Select(double.Parse).ToArray();
        Assert.True(axis[0] <= 1.5 && axis[1] >= 3.1, $"net_bps axis {axis[0]}..{axis[1]}");

        var (image, _) = browser.Shoot(url);
        AssertDrawn(image);
        // The dashed threshold lines and their labels, in their own colours (dashboard.js THRESHOLD_COLOURS), and the
        // header's verdict chip in its verdict's colour (dashboard.css) within the header band.
        var warn = PixelsNear(image, (0xb7, 0x79, 0x1f), 12);
        var fail = PixelsNear(image, (0x9b, 0x1c, 0x1c), 12);
        Assert.True(warn > 300, $"no WARN threshold lines in the screenshot ({warn} pixels of their colour)");
        Assert.True(fail > 150, $"no FAIL threshold lines in the screenshot ({fail} pixels of their colour)");
        var chip = verdict switch { "OK" => (0x2e, 0x9d, 0x57), "WARN" => (0xd9, 0x9a, 0x1e), "FAIL" => (0xc8, 0x36, 0x2d), _ => (0x6b, 0x6f, 0x7a) };
        Assert.True(PixelsNear(image, ((byte)chip.Item1, (byte)chip.Item2, (byte)chip.Item3), 6, maxY: 60) > 300, $"no {verdict} chip in the header");
    }
}
