using System.Net;

namespace SoakPS.Engine.Observability;

/// <summary>
/// The address the run's server listens on when the operator names one. Only an address written out in full is taken
/// ("0" or "127.1" parse as addresses too, and "0" would silently mean every interface), and a bind beyond loopback
/// comes with a warning that names what it exposes.
/// </summary>
internal static class ListenAddress
{
    /// <exception cref="SoakException">MetricsAddressInvalid when <paramref name="text"/> is not a full IPv4 or IPv6 address.</exception>
    public static IPAddress Parse(string text)
    {
        var trimmed = text.Trim();
        if (!HostCheck.IsLiteral(trimmed) || !IPAddress.TryParse(trimmed, out var address))
        {
            throw new SoakException("MetricsAddressInvalid", SoakErrorKind.InvalidArgument,
                $"'{text}' is not an IP address written out in full (e.g. 127.0.0.1, ::1, or 0.0.0.0 for every interface).", text);
        }
        return address;
    }

    /// <summary>What a listener on <paramref name="address"/> exposes beyond this machine, or null for a loopback address.</summary>
    public static string? Exposure(IPAddress address, int port, bool dashboard)
    {
        if (IPAddress.IsLoopback(address))
        {
            return null;
        }
        var where = address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? $"every network interface of this machine ({address})" : address.ToString();
        var what = dashboard ? "the run's metrics, dashboard and parameters" : "the run's metrics";
        return $"The server listens on {where}, port {port}: anyone who can reach it there can read {what}, with no password.";
    }
}
