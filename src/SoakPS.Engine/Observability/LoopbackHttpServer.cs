using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SoakPS.Engine.Observability;

/// <summary>
/// A minimal HTTP/1.1 server for GET of a few fixed paths (metrics, the dashboard and its data). Built on TcpListener
/// rather than HttpListener, which on Windows needs a URL ACL (admin) for anything but localhost; one request per
/// connection, bounded request size and time, loopback unless the caller binds elsewhere explicitly.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private const int MaxRequestBytes = 16 * 1024;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly TcpListener _listener;
    private readonly IReadOnlyDictionary<string, HttpResponseContent> _routes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private LoopbackHttpServer(TcpListener listener, IReadOnlyDictionary<string, HttpResponseContent> routes)
    {
        _listener = listener;
        _routes = routes;
        _accepting = Task.Run(AcceptLoop);
    }

    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    public string BaseUrl => Endpoint.Address.AddressFamily == AddressFamily.InterNetworkV6
        ? $"http://[{Endpoint.Address}]:{Endpoint.Port}/"
        : $"http://{Endpoint.Address}:{Endpoint.Port}/";

    /// <summary>Binds now, so a port in use is reported before the run starts; port 0 picks a free one.</summary>
    public static LoopbackHttpServer Start(IPAddress address, int port, IReadOnlyDictionary<string, HttpResponseContent> routes)
    {
        if (port is < 0 or > 65535)
        {
            throw new SoakException("MetricsPortInvalid", SoakErrorKind.InvalidArgument, $"Port {port} is not a TCP port (0..65535).", port);
        }
        var listener = new TcpListener(address, port);
        // Without this, Windows lets a second process bind the same port with SO_REUSEADDR and steal connections.
        if (OperatingSystem.IsWindows()) listener.ExclusiveAddressUse = true;
        try
        {
            listener.Start();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new SoakException("MetricsPortInUse", SoakErrorKind.ResourceBusy,
                $"Port {port} on {address} is already in use; choose another port (0 picks a free one).", port);
        }
        catch (SocketException e)
        {
            throw new SoakException("MetricsAddressUnusable", SoakErrorKind.ResourceBusy, $"Cannot listen on {address}:{port}: {e.Message}", address.ToString());
        }
        return new LoopbackHttpServer(listener, routes);
    }

    /// <summary>How long stopping waits for answers already being written; a client that dawdles longer is cut off.</summary>
    private static readonly TimeSpan InFlightGrace = TimeSpan.FromSeconds(2);

    private int _serving;

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        Interlocked.Increment(ref _serving);
        try
        {
            await ServeOne(client).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _serving);
        }
    }

    private async Task ServeOne(TcpClient client)
    {
        using (client)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            timeout.CancelAfter(RequestTimeout);
            try
            {
                var stream = client.GetStream();
                var (request, hosts) = await ReadHead(stream, timeout.Token).ConfigureAwait(false);
                var (status, type, body, head) = Answer(request, hosts);
                var header = $"HTTP/1.1 {status}\r\nContent-Type: {type}\r\nContent-Length: {body.Length}\r\nCache-Control: no-store\r\n" +
                             "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(header), timeout.Token).ConfigureAwait(false);
                if (!head)
                {
                    await stream.WriteAsync(body, timeout.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // A client that went away or dawdled costs nothing but its own connection.
            }
        }
    }

    private (string Status, string Type, byte[] Body, bool Head) Answer(string? request, IReadOnlyList<string> hosts)
    {
        var parts = request?.Split(' ', 3);
        if (parts is not { Length: 3 } || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return ("400 Bad Request", "text/plain; charset=utf-8", "bad request\n"u8.ToArray(), false);
        }
        switch (HostCheck.Of(hosts, Endpoint))
        {
            case HostCheck.Verdict.Missing:
                return ("400 Bad Request", "text/plain; charset=utf-8", "one Host header, please\n"u8.ToArray(), false);
            case HostCheck.Verdict.Foreign:
                return ("421 Misdirected Request", "text/plain; charset=utf-8", "this server answers only to its own address and port\n"u8.ToArray(), false);
        }
        if (parts[0] is not ("GET" or "HEAD"))
        {
            return ("405 Method Not Allowed", "text/plain; charset=utf-8", "only GET and HEAD\n"u8.ToArray(), false);
        }
        var target = parts[1].Split('?', 2);
        if (!_routes.TryGetValue(target[0], out var content))
        {
            return ("404 Not Found", "text/plain; charset=utf-8", Encoding.UTF8.GetBytes($"no such page; try {string.Join(", ", _routes.Keys)}\n"), parts[0] == "HEAD");
        }
        return content.Body(target.Length > 1 ? target[1] : "") is { } body
            ? ("200 OK", content.ContentType, body, parts[0] == "HEAD")
            : ("400 Bad Request", "text/plain; charset=utf-8", Encoding.UTF8.GetBytes($"{target[0]} does not understand '?{target[1]}'\n"), false);
    }

    /// <summary>The request line and the Host headers, read up to the blank line; a null line when there is none.</summary>
    private static async Task<(string? Line, IReadOnlyList<string> Hosts)> ReadHead(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal) || text.Contains("\n\n", StringComparison.Ordinal))
            {
                var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
                var headers = lines.Skip(1).TakeWhile(l => l.Length > 0);
                var hosts = headers.Where(l => l.StartsWith("Host:", StringComparison.OrdinalIgnoreCase)).Select(l => l[5..]).ToArray();
                return (lines[0], hosts);
            }
        }
        return (null, Array.Empty<string>());
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested) return;
        // No new connection, then a moment for answers already being written (a page fetching the run's final state).
        _listener.Stop();
        SpinWait.SpinUntil(() => Volatile.Read(ref _serving) == 0, InFlightGrace);
        _stop.Cancel();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        _stop.Dispose();
    }
}
