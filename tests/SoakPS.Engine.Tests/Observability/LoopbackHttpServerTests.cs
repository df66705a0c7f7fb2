using System.Net;
using System.Net.Sockets;
using System.Text;
using SoakPS.Engine.Observability;

namespace SoakPS.Engine.Tests.Observability;

public class LoopbackHttpServerTests
{
    private static readonly IReadOnlyDictionary<string, HttpResponseContent> Routes = new Dictionary<string, HttpResponseContent>
    {
        ["/metrics"] = new("text/plain; version=0.0.4; charset=utf-8", _ => "soak_iteration 3\n"u8.ToArray()),
        ["/echo"] = new("text/plain; charset=utf-8", query => query == "bad" ? null : Encoding.UTF8.GetBytes("query=" + query)),
    };

    /// <summary>Sends <paramref name="request"/> as raw bytes (exactly the headers given) and reads the whole answer.</summary>
    internal static async Task<(int Status, string Body, string Headers)> Get(int port, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (int.Parse(text.Split(' ')[1]), text[(split + 4)..], text[..split]);
    }

    [Fact]
    public async Task Serves_metrics_over_http_1_1_and_refuses_other_paths_and_methods()
    {
        using var server = LoopbackHttpServer.Start(IPAddress.Loopback, 0, Routes);
        var port = server.Endpoint.Port;
        using var http = new HttpClient();
        var response = await http.GetAsync($"http://127.0.0.1:{port}/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("soak_iteration 3\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{port}/etc/passwd")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.PostAsync($"http://127.0.0.1:{port}/metrics", new StringContent("x"))).StatusCode);
        var head = await Get(port, $"HEAD /metrics HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n");
        Assert.Equal(200, head.Status);
        Assert.Equal("", head.Body);
        Assert.Contains("Content-Length: 17", head.Headers);
        Assert.Equal(400, (await Get(port, "garbage\r\n\r\n")).Status);
    }

    [Fact]
    public async Task A_route_sees_the_query_string_and_a_query_it_refuses_is_a_bad_request()
    {
        using var server = LoopbackHttpServer.Start(IPAddress.Loopback, 0, Routes);
        var port = server.Endpoint.Port;
        Assert.Equal((200, "query=since=5"), Pick(await Get(port, $"GET /echo?since=5 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n")));
        Assert.Equal((200, "query="), Pick(await Get(port, $"GET /echo HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n")));
        Assert.Equal(400, (await Get(port, $"GET /echo?bad HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n")).Status);
        static (int, string) Pick((int Status, string Body, string Headers) r) => (r.Status, r.Body);
    }

    [Theory]
    [InlineData("", 200)]
    [InlineData("?since=0", 200)]
    [InlineData("?since=12", 200)]
    [InlineData("?since=-1", 400)]
    [InlineData("?since=x", 400)]
    [InlineData("?other=1", 400)]
    public async Task The_dashboard_data_takes_since_and_nothing_else(string query, int status)
    {
        using var server = LoopbackHttpServer.Start(IPAddress.Loopback, 0, RunEndpoints.For(new RunWatcher(null, TimeProvider.System), metrics: true, dashboard: true));
        Assert.Equal(status, (await Get(server.Endpoint.Port, $"GET /data.json{query} HTTP/1.1\r\nHost: 127.0.0.1:{server.Endpoint.Port}\r\n\r\n")).Status);
    }

    [Fact]
    public void Listens_on_loopback_by_default_and_a_port_in_use_is_a_clear_error()
    {
        using var server = LoopbackHttpServer.Start(IPAddress.Loopback, 0, Routes);
        Assert.True(IPAddress.IsLoopback(server.Endpoint.Address));
        var e = Assert.Throws<SoakException>(() => LoopbackHttpServer.Start(IPAddress.Loopback, server.Endpoint.Port, Routes));
        Assert.Equal("MetricsPortInUse", e.ErrorId);
        Assert.Contains(server.Endpoint.Port.ToString(), e.Message);
    }

    [Fact]
    public async Task After_dispose_nothing_listens_on_the_port()
    {
        var server = LoopbackHttpServer.Start(IPAddress.Loopback, 0, Routes);
        var port = server.Endpoint.Port;
        Assert.Equal(200, (await Get(port, $"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n")).Status);
        server.Dispose();
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task A_client_that_sends_nothing_does_not_block_others()
    {
        using var server = LoopbackHttpServer.Start(IPAddress.Loopback, 0, Routes);
        using var silent = new TcpClient();
        await silent.ConnectAsync(IPAddress.Loopback, server.Endpoint.Port);
        Assert.Equal(200, (await Get(server.Endpoint.Port, $"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:{server.Endpoint.Port}\r\n\r\n")).Status);
    }
}
