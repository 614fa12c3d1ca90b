using System.Net;
using System.Net.Sockets;

namespace Argus.EndToEnd.Tests;

/// <summary>Picks a free TCP port on 127.0.0.1 for a test that must know a port before a server starts
/// (to put it in a scrape or remote-write config).</summary>
internal static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
