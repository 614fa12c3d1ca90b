using System.Globalization;
using System.Net;

namespace Argus.Web.Hosting;

/// <summary>
/// A listen address in Go's <c>host:port</c> form, as <c>--web.listen-address</c> takes it:
/// <c>:9090</c> (every interface), <c>0.0.0.0:9090</c>, <c>127.0.0.1:0</c> (any free port),
/// <c>[::1]:9090</c> or <c>localhost:9090</c>.
/// </summary>
/// <param name="Host">The host part as written: empty for every interface, an IP literal (IPv6
/// without brackets) or a host name.</param>
public sealed record ListenAddress(string Host, int Port)
{
    public static bool TryParse(string text, out ListenAddress address, out string? error)
    {
        address = new ListenAddress(string.Empty, 0);
        error = null;
        string host;
        string portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"address {text}: missing ']' in address";
                return false;
            }
            if (close + 1 >= text.Length || text[close + 1] != ':')
            {
                error = $"address {text}: missing port in address";
                return false;
            }
            host = text[1..close];
            portText = text[(close + 2)..];
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                error = $"address {text}: \"{host}\" is not an IPv6 address";
                return false;
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0)
            {
                error = $"address {text}: missing port in address";
                return false;
            }
            host = text[..colon];
            portText = text[(colon + 1)..];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                error = $"address {text}: too many colons in address";
                return false;
            }
        }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"address {text}: invalid port \"{portText}\"";
            return false;
        }
        address = new ListenAddress(host, port);
        return true;
    }

    public static ListenAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    /// <summary>The IP to bind, or null for "every interface" (empty host) and for host names.</summary>
    public IPAddress? IpAddress => Host.Length > 0 && IPAddress.TryParse(Host, out var ip) ? ip : null;

    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
