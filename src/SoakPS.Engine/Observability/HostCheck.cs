using System.Net;

namespace SoakPS.Engine.Observability;

/// <summary>
/// Which Host header the run's server answers: a page on another site that a browser's DNS now resolves to 127.0.0.1
/// (DNS rebinding) sends its own name, so only names that cannot be rebound are served — "localhost", a loopback
/// address, the address the server is bound to (any address literal when it listens on all of them) — and only
/// with the server's own port.
/// </summary>
internal static class HostCheck
{
    public enum Verdict { Allowed, Missing, Foreign }

    /// <param name="hosts">Every Host header of the request (HTTP/1.1 needs exactly one).</param>
    public static Verdict Of(IReadOnlyList<string> hosts, IPEndPoint bound)
    {
        if (hosts.Count != 1 || !TrySplit(hosts[0].Trim(), out var name, out var port))
        {
            return Verdict.Missing;
        }
        if (port != bound.Port)
        {
            return Verdict.Foreign;
        }
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return Verdict.Allowed;
        }
        if (!IPAddress.TryParse(name, out var address) || !IsLiteral(name))
        {
            return Verdict.Foreign;
        }
        var any = bound.Address.Equals(IPAddress.Any) || bound.Address.Equals(IPAddress.IPv6Any);
        return IPAddress.IsLoopback(address) || any || address.Equals(bound.Address) ? Verdict.Allowed : Verdict.Foreign;
    }

    /// <summary>"name", "name:port", "[v6]" or "[v6]:port"; without a port, HTTP's 80.</summary>
    private static bool TrySplit(string host, out string name, out int port)
    {
        name = host;
        port = 80;
        var portText = (string?)null;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']');
            if (close < 0) return false;
            name = host[1..close];
            var rest = host[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':')) return false;
                portText = rest[1..];
            }
        }
        else if (host.LastIndexOf(':') is var colon and >= 0)
        {
            name = host[..colon];
            portText = host[(colon + 1)..];
        }
        if (name.Length == 0) return false;
        return portText is null || int.TryParse(portText, System.Globalization.NumberStyles.None, null, out port);
    }

    /// <summary>An address written out in full (dotted quad or IPv6), not a name a resolver could answer or "127.1".</summary>
    internal static bool IsLiteral(string text) =>
        text.Contains(':') || (text.Split('.') is { Length: 4 } parts && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit)));
}
