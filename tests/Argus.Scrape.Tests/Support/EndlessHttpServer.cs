using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Argus.Scrape.Tests.Support;

/// <summary>
/// A scrape target on 127.0.0.1 whose body never ends and has no Content-Length: it writes valid sample lines
/// until the scraper hangs up (or a safety cap, so a scraper that never stops cannot hang the test), and
/// counts what it sent.
/// </summary>
internal sealed class EndlessHttpServer : IAsyncDisposable
{
    private const long SafetyCapBytes = 1L << 30;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _serve;
    private long _bytesSent;

    public EndlessHttpServer()
    {
        _listener.Start();
        _serve = ServeOneAsync();
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Body bytes written before the scraper hung up; final once <see cref="WaitForHangUpAsync"/> returned.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public Task WaitForHangUpAsync(TimeSpan timeout) => _serve.WaitAsync(timeout);

    private async Task ServeOneAsync()
    {
        using var client = await _listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var head = new byte[4096];
        _ = await stream.ReadAsync(head);
        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nConnection: close\r\n\r\n"));
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("endless_metric 1\n", 4096)));
        try
        {
            while (BytesSent < SafetyCapBytes)
            {
                await stream.WriteAsync(chunk);
                Interlocked.Add(ref _bytesSent, chunk.Length);
            }
        }
        catch (IOException)
        {
            // The scraper hung up: what this test waits for.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _serve.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (SocketException)
        {
            // Nobody connected.
        }
    }
}
