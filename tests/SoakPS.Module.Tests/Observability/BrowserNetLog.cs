using System.Net;
using System.Text.Json;

namespace SoakPS.Module.Tests.Observability;

/// <param name="Initiator">The origin that caused the request; "not an origin" for the browser's own services.</param>
/// <param name="NetError">Chromium's net error when the request failed (-105: the name did not resolve), else null.</param>
public sealed record BrowserRequest(string Url, string? Initiator, int? NetError)
{
    public const int NameNotResolved = -105;

    public bool ByBrowserItself => Initiator == "not an origin";
}

/// <summary>A socket the browser connected: TCP (a connection attempt) or UDP (connect() plus whether any datagram was sent).</summary>
public sealed record BrowserSocket(string Protocol, IPEndPoint Remote, bool SentData);

/// <summary>
/// What Chromium's own net log (--log-net-log) says the browser did on the network: every URL request with its outcome,
/// and every socket it connected, with the remote address.
/// </summary>
public sealed record BrowserNetLog(IReadOnlyList<BrowserRequest> Requests, IReadOnlyList<BrowserSocket> Sockets)
{
    private const int Begin = 1;
    private const int End = 2;

    public static BrowserNetLog Read(string path)
    {
        var text = File.ReadAllText(path).TrimEnd();
        // Chromium may end before closing the JSON array; close it ourselves.
        if (!text.EndsWith('}')) text = text.TrimEnd(',') + "]}";
        using var doc = JsonDocument.Parse(text);
        var types = doc.RootElement.GetProperty("constants").GetProperty("logEventTypes");
        int Type(string name) => types.GetProperty(name).GetInt32();
        var (startJob, tcpAttempt, udpConnect) = (Type("URL_REQUEST_START_JOB"), Type("TCP_CONNECT_ATTEMPT"), Type("UDP_CONNECT"));
        var sent = new[] { Type("UDP_BYTES_SENT"), Type("SOCKET_BYTES_SENT") };

        var requests = new Dictionary<long, (string Url, string? Initiator, int? Error)>();
        var sockets = new List<(long Source, string Protocol, IPEndPoint Remote)>();
        var sentBy = new HashSet<long>();
        foreach (var e in doc.RootElement.GetProperty("events").EnumerateArray())
        {
            var type = e.GetProperty("type").GetInt32();
            var source = e.GetProperty("source").GetProperty("id").GetInt64();
            var phase = e.TryGetProperty("phase", out var ph) ? ph.GetInt32() : 0;
            var p = e.TryGetProperty("params", out var ps) ? ps : default;
            if (type == startJob && phase == Begin && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("url", out var url))
            {
                requests[source] = (url.GetString()!, p.TryGetProperty("initiator", out var i) ? i.GetString() : null, null);
            }
            else if (type == startJob && phase == End && requests.TryGetValue(source, out var r) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("net_error", out var err))
            {
                requests[source] = r with { Error = err.GetInt32() };
            }
            else if ((type == tcpAttempt || type == udpConnect) && phase == Begin && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("address", out var address))
            {
                sockets.Add((source, type == tcpAttempt ? "tcp" : "udp", IPEndPoint.Parse(address.GetString()!)));
            }
            else if (sent.Contains(type))
            {
                sentBy.Add(source);
            }
        }
        return new BrowserNetLog(
            requests.Values.Select(r => new BrowserRequest(r.Url, r.Initiator, r.Error)).ToList(),
            sockets.Select(s => new BrowserSocket(s.Protocol, s.Remote, sentBy.Contains(s.Source))).ToList());
    }

    /// <summary>
    /// Fails unless the browser reached nothing but <paramref name="server"/> (null: nothing at all, for a page opened
    /// from disk): the page's requests all go to <paramref name="pageUrl"/>; TCP connections only to the server; no
    /// datagram to any address; the browser's own calls elsewhere all died at the resolver.
    /// </summary>
    public void AssertReachedOnly(IPEndPoint? server, string pageUrl)
    {
        // A page from disk is read without a URL request; one from the server is fetched with one.
        if (server is not null) Assert.Contains(Requests, r => r.Url.StartsWith(pageUrl, StringComparison.Ordinal));
        Assert.All(Requests.Where(r => !r.ByBrowserItself), r => Assert.True(r.Url.StartsWith(pageUrl, StringComparison.Ordinal), "the page requested " + r.Url));
        var tcp = Sockets.Where(s => s.Protocol == "tcp").ToList();
        Assert.All(tcp, s => Assert.True(s.Remote.Equals(server), $"a TCP connection to {s.Remote} (only {server?.ToString() ?? "none"} allowed)"));
        if (server is not null) Assert.NotEmpty(tcp);
        Assert.All(Sockets.Where(s => s.Protocol == "udp"), s => Assert.False(s.SentData, $"a datagram to {s.Remote}"));
        var elsewhere = Requests.Where(r => !r.Url.StartsWith(pageUrl, StringComparison.Ordinal)).ToList();
        Assert.All(elsewhere, r => Assert.True(r.NetError == BrowserRequest.NameNotResolved,
            $"the browser's own request {r.Url} ended with {r.NetError?.ToString() ?? "no error"}, not at the resolver"));
    }
}
