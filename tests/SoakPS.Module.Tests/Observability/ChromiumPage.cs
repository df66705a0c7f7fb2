using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SoakPS.Module.Tests.Observability;

/// <summary>
/// A page kept open in real headless Chromium, read through the DevTools protocol while the world around it changes
/// (a run ends, its server goes away): what --dump-dom, which loads a page once, cannot show.
/// </summary>
public sealed class ChromiumPage : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("soakps-chromium-page-").FullName;
    private readonly Process _browser;
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    public ChromiumPage(string url)
    {
        var start = new ProcessStartInfo("chromium") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var flag in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--user-data-dir=" + _folder,
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
            "--disable-breakpad", "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,OptimizationGuideModelDownloading",
            "--password-store=basic", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--remote-debugging-port=0", url,
        })
        {
            start.ArgumentList.Add(flag);
        }
        _browser = ExternalTool.Start(start);
        _browser.StandardInput.Close();
        _ = _browser.StandardOutput.ReadToEndAsync();
        _ = _browser.StandardError.ReadToEndAsync();
        var port = DevToolsPort();
        using var http = new HttpClient();
        var targets = JsonNode.Parse(Retry(() => http.GetStringAsync($"http://127.0.0.1:{port}/json/list").GetAwaiter().GetResult()))!.AsArray();
        var page = targets.First(t => (string)t!["type"]! == "page")!;
        _socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>The value of a JavaScript expression in the page (JSON-serialisable).</summary>
    public JsonNode? Evaluate(string expression)
    {
        var id = ++_nextId;
        var request = new JsonObject
        {
            ["id"] = id, ["method"] = "Runtime.evaluate",
            ["params"] = new JsonObject { ["expression"] = expression, ["returnByValue"] = true },
        };
        _socket.SendAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None).GetAwaiter().GetResult();
        while (true)
        {
            var message = Receive();
            if ((int?)message["id"] == id)
            {
                return message["result"]?["result"]?["value"]?.DeepClone();
            }
        }
    }

    /// <summary>Polls <paramref name="expression"/> until it is true; false if it never was within <paramref name="timeout"/>.</summary>
    public bool WaitUntil(string expression, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Evaluate(expression) is JsonValue v && v.TryGetValue<bool>(out var ok) && ok) return true;
            Thread.Sleep(100);
        }
        return false;
    }

    public string? BodyAttribute(string name) => (string?)Evaluate($"document.body.getAttribute('{name}')");

    public string Text(string elementId) => (string?)Evaluate($"document.getElementById('{elementId}').textContent") ?? "";

    private JsonNode Receive()
    {
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = _socket.ReceiveAsync(buffer, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token).GetAwaiter().GetResult();
            text.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonNode.Parse(text.ToArray())!;
    }

    /// <summary>Chromium writes the port it picked to DevToolsActivePort in its profile folder.</summary>
    private int DevToolsPort()
    {
        var file = Path.Combine(_folder, "DevToolsActivePort");
        return Retry(() => int.Parse(File.ReadAllLines(file)[0]));
    }

    private T Retry<T>(Func<T> attempt)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return attempt();
            }
            catch (Exception e) when (e is IOException or HttpRequestException or FormatException or IndexOutOfRangeException && DateTime.UtcNow < deadline)
            {
                Assert.False(_browser.HasExited, "chromium exited at start");
                Thread.Sleep(100);
            }
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        try { _browser.Kill(entireProcessTree: true); _browser.WaitForExit(10_000); } catch (InvalidOperationException) { }
        _browser.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
