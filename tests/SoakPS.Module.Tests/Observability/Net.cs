using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace SoakPS.Module.Tests.Observability;

public static class Net
{
    /// <summary>A port that was free a moment ago (bound to 0 and released), for servers started by other processes.</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public static bool Listening(int port) => IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Any(e => e.Port == port);

    public static IPEndPoint[] ListenersOn(int port) => IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Where(e => e.Port == port).ToArray();

    public static string Get(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return http.GetStringAsync(url).GetAwaiter().GetResult();
    }

    public static int PortOf(string baseUrl) => new Uri(baseUrl).Port;
}
