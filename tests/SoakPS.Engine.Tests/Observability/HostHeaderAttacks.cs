using System.Net;
using SoakPS.Engine.Observability;
using SoakPS.Engine.Tests.Observability;

namespace SoakPS.Engine.Tests.Attacks;

/// <summary>
/// Attack class "DNS rebinding": a page on evil.example whose name a browser now resolves to 127.0.0.1 reads the run's
/// server with its own Host header. Raw sockets send exactly the headers an attacker controls; only the server's own
/// address or a loopback name with its port is answered, anything else gets 421 (400 without exactly one Host).
/// </summary>
[Trait("Category", "Attack")]
public sealed class HostHeaderAttacks : IDisposable
{
    private readonly LoopbackHttpServer _server = LoopbackHttpServer.Start(IPAddress.Loopback, 0,
        RunEndpoints.For(new RunWatcher(null, TimeProvider.System), metrics: true, dashboard: true));

    private int Port => _server.Endpoint.Port;

    public static TheoryData<string> Pages => new() { "/", "/data.json", "/metrics" };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_foreign_host_gets_421_and_none_of_the_page(string page)
    {
        foreach (var host in new[] { "evil.example", $"evil.example:{Port}", $"127.0.0.1.evil.example:{Port}", $"localhost.evil.example:{Port}",
                     $"127.0.0.1:{Port + 1}", "127.0.0.1", $"10.0.0.1:{Port}", $"[fe80::1]:{Port}", $"127.1:{Port}", $"2130706433:{Port}" })
        {
            var (status, body) = await Send($"GET {page} HTTP/1.1\r\nHost: {host}\r\n\r\n");
            Assert.True(status == 421, $"Host: {host} got {status}");
            Assert.DoesNotContain("soak", body);
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task No_host_or_two_hosts_is_a_bad_request(string page)
    {
        Assert.Equal(400, (await Send($"GET {page} HTTP/1.1\r\n\r\n")).Status);
        Assert.Equal(400, (await Send($"GET {page} HTTP/1.1\r\nHost: 127.0.0.1:{Port}\r\nHost: evil.example\r\n\r\n")).Status);
        Assert.Equal(400, (await Send($"GET {page} HTTP/1.1\r\nHost: 127.0.0.1:x\r\n\r\n")).Status);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_servers_own_address_and_loopback_names_with_its_port_are_served(string page)
    {
        foreach (var host in new[] { $"127.0.0.1:{Port}", $"localhost:{Port}", $"LOCALHOST:{Port}", $"[::1]:{Port}", $"127.0.0.2:{Port}" })
        {
            var (status, _) = await Send($"GET {page} HTTP/1.1\r\nhost: {host}\r\n\r\n");
            Assert.True(status == 200, $"Host: {host} got {status}");
        }
    }

    [Fact]
    public async Task A_server_on_every_interface_takes_any_address_literal_but_no_name()
    {
        using var wide = LoopbackHttpServer.Start(IPAddress.Any, 0, RunEndpoints.For(new RunWatcher(null, TimeProvider.System), metrics: true, dashboard: false));
        var port = wide.Endpoint.Port;
        Assert.Equal(200, (await Send($"GET /metrics HTTP/1.1\r\nHost: 192.0.2.7:{port}\r\n\r\n", port)).Status);
        Assert.Equal(421, (await Send($"GET /metrics HTTP/1.1\r\nHost: evil.example:{port}\r\n\r\n", port)).Status);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("127.1")]
    [InlineData("2130706433")]
    [InlineData("localhost")]
    public void An_address_not_written_out_in_full_is_refused(string text)
    {
        Assert.Equal("MetricsAddressInvalid", Assert.Throws<SoakException>(() => ListenAddress.Parse(text)).ErrorId);
    }

    [Fact]
    public void A_bind_beyond_loopback_names_its_exposure()
    {
        Assert.Equal(IPAddress.Any, ListenAddress.Parse("0.0.0.0"));
        Assert.Equal(IPAddress.IPv6Loopback, ListenAddress.Parse("::1"));
        Assert.Null(ListenAddress.Exposure(IPAddress.Loopback, 9464, dashboard: true));
        Assert.Contains("every network interface", ListenAddress.Exposure(IPAddress.Any, 9464, dashboard: true));
        Assert.Contains("9464", ListenAddress.Exposure(IPAddress.Parse("10.1.2.3"), 9464, dashboard: false));
    }

    private Task<(int Status, string Body)> Send(string request) => Send(request, Port);

    private static async Task<(int Status, string Body)> Send(string request, int port)
    {
        var (status, body, _) = await LoopbackHttpServerTests.Get(port, request);
        return (status, body);
    }

    public void Dispose() => _server.Dispose();
}
