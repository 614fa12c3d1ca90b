using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Argus.Scrape.Tests.Discovery;

/// <summary>A DNS server on 127.0.0.1 that answers from a fixed table, with name compression in answers.</summary>
internal sealed class FakeDnsServer : IAsyncDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeDnsServer(Func<string, ushort, IReadOnlyList<byte[]>?> answer)
    {
        Answer = answer;
        _loop = RunAsync();
    }

    /// <summary>Given name and type, the RDATA of each answer record, or null for NXDOMAIN.</summary>
    public Func<string, ushort, IReadOnlyList<byte[]>?> Answer { get; set; }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    public static byte[] Name(string name)
    {
        var output = new List<byte>();
        foreach (var label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            output.Add((byte)label.Length);
            output.AddRange(Encoding.ASCII.GetBytes(label));
        }
        output.Add(0);
        return [.. output];
    }

    public static byte[] Srv(ushort port, string target) => [0, 1, 0, 1, (byte)(port >> 8), (byte)port, .. Name(target)];

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult request;
            try
            {
                request = await _socket.ReceiveAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var query = request.Buffer;
            var pos = 12;
            var labels = new List<string>();
            while (query[pos] != 0)
            {
                labels.Add(Encoding.ASCII.GetString(query, pos + 1, query[pos]));
                pos += query[pos] + 1;
            }
            pos++;
            var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(pos));
            var questionEnd = pos + 4;
            var records = Answer(string.Join('.', labels), type);
            var response = new List<byte>(query[..questionEnd]);
            response[2] = 0x81;
            response[3] = (byte)(records is null ? 0x83 : 0x80);
            response[6] = 0;
            response[7] = (byte)(records?.Count ?? 0);
            foreach (var rdata in records ?? [])
            {
                // Owner name as a pointer to the question name at offset 12.
                response.AddRange([0xC0, 12, (byte)(type >> 8), (byte)type, 0, 1, 0, 0, 0, 30, (byte)(rdata.Length >> 8), (byte)rdata.Length]);
                response.AddRange(rdata);
            }
            await _socket.SendAsync(response.ToArray(), request.RemoteEndPoint);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}
