using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Argus.Scrape.Discovery;

/// <summary>
/// A small DNS stub resolver over UDP for what service discovery needs and <see cref="Dns"/> cannot do:
/// A, AAAA, SRV, MX and NS lookups with the answers' targets and ports. Servers come from
/// <c>/etc/resolv.conf</c> unless given. NXDOMAIN is an empty answer; other failures throw
/// <see cref="DnsQueryException"/>. Thread-safe: every query uses its own socket.
/// </summary>
public sealed class DnsClient
{
    public const ushort TypeA = 1;
    public const ushort TypeNs = 2;
    public const ushort TypeCname = 5;
    public const ushort TypeMx = 15;
    public const ushort TypeAaaa = 28;
    public const ushort TypeSrv = 33;

    private const int MaxPointerJumps = 32;

    private readonly IReadOnlyList<IPEndPoint> _servers;
    private readonly TimeSpan _timeout;

    public DnsClient(IReadOnlyList<IPEndPoint>? servers = null, TimeSpan? timeout = null)
    {
        _servers = servers is { Count: > 0 } ? servers : ReadResolvConf();
        _timeout = timeout ?? TimeSpan.FromSeconds(5);
    }

    public static ushort ParseType(string type) => type switch
    {
        "A" => TypeA,
        "AAAA" => TypeAaaa,
        "SRV" => TypeSrv,
        "MX" => TypeMx,
        "NS" => TypeNs,
        _ => throw new ArgumentException($"unsupported DNS record type {type}", nameof(type)),
    };

    /// <summary>Looks up <paramref name="name"/>, trying each server in turn until one answers.</summary>
    public async Task<IReadOnlyList<DnsRecord>> QueryAsync(string name, ushort type, CancellationToken cancellationToken)
    {
        DnsQueryException? last = null;
        foreach (var server in _servers)
        {
            try
            {
                return await QueryServerAsync(server, name, type, cancellationToken).ConfigureAwait(false);
            }
            catch (DnsQueryException e)
            {
                last = e;
            }
        }
        throw last ?? new DnsQueryException($"lookup {name}: no DNS servers configured");
    }

    private async Task<IReadOnlyList<DnsRecord>> QueryServerAsync(IPEndPoint server, string name, ushort type, CancellationToken cancellationToken)
    {
        var id = (ushort)Random.Shared.Next(ushort.MaxValue + 1);
        var query = BuildQuery(id, name, type);
        using var socket = new UdpClient(server.AddressFamily);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            await socket.SendAsync(query, server, timeout.Token).ConfigureAwait(false);
            while (true)
            {
                var result = await socket.ReceiveAsync(timeout.Token).ConfigureAwait(false);
                var answer = result.Buffer;
                if (answer.Length >= 2 && BinaryPrimitives.ReadUInt16BigEndian(answer) == id)
                {
                    return ParseResponse(answer, name, type);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DnsQueryException($"lookup {name} on {server}: timed out after {_timeout.TotalSeconds}s");
        }
        catch (SocketException e)
        {
            throw new DnsQueryException($"lookup {name} on {server}: {e.Message}", e);
        }
    }

    internal static byte[] BuildQuery(ushort id, string name, ushort type)
    {
        var output = new List<byte>(64);
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(header, id);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], 0x0100); // recursion desired
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], 1);
        output.AddRange(header.ToArray());
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            var bytes = Encoding.ASCII.GetBytes(label);
            if (bytes.Length is 0 or > 63)
            {
                throw new DnsQueryException($"lookup {name}: invalid name");
            }
            output.Add((byte)bytes.Length);
            output.AddRange(bytes);
        }
        output.Add(0);
        output.Add((byte)(type >> 8));
        output.Add((byte)type);
        output.Add(0);
        output.Add(1); // class IN
        return [.. output];
    }

    internal static IReadOnlyList<DnsRecord> ParseResponse(byte[] message, string name, ushort type)
    {
        try
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(2));
            var rcode = flags & 0xF;
            if (rcode == 3)
            {
                return [];
            }
            if (rcode != 0)
            {
                throw new DnsQueryException($"lookup {name}: server answered with rcode {rcode}");
            }
            if ((flags & 0x0200) != 0)
            {
                throw new DnsQueryException($"lookup {name}: answer truncated (TCP fallback is not supported)");
            }
            var questions = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(4));
            var answers = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(6));
            var pos = 12;
            for (var i = 0; i < questions; i++)
            {
                ReadName(message, ref pos);
                pos += 4;
            }
            var records = new List<DnsRecord>();
            for (var i = 0; i < answers; i++)
            {
                ReadName(message, ref pos);
                var rrType = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(pos));
                var length = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(pos + 8));
                pos += 10;
                var data = pos;
                if (data + length > message.Length)
                {
                    throw new DnsQueryException($"lookup {name}: record data runs past the end of the answer");
                }
                pos += length;
                if (rrType != type)
                {
                    continue; // CNAMEs and other records on the way to the answer.
                }
                switch (rrType)
                {
                    case TypeA when length == 4:
                        records.Add(new DnsRecord(rrType, new IPAddress(message.AsSpan(data, 4)), null, 0));
                        break;
                    case TypeAaaa when length == 16:
                        records.Add(new DnsRecord(rrType, new IPAddress(message.AsSpan(data, 16)), null, 0));
                        break;
                    case TypeSrv:
                        var port = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(data + 4));
                        var target = data + 6;
                        records.Add(new DnsRecord(rrType, null, ReadName(message, ref target), port));
                        break;
                    case TypeMx:
                        var exchange = data + 2;
                        records.Add(new DnsRecord(rrType, null, ReadName(message, ref exchange), 0));
                        break;
                    case TypeNs:
                        var host = data;
                        records.Add(new DnsRecord(rrType, null, ReadName(message, ref host), 0));
                        break;
                }
            }
            return records;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new DnsQueryException($"lookup {name}: malformed answer", e);
        }
    }

    /// <summary>Reads a possibly compressed name, following at most <see cref="MaxPointerJumps"/> pointers so a
    /// pointer loop cannot hang the resolver. Returns the name without the trailing dot.</summary>
    private static string ReadName(byte[] message, ref int pos)
    {
        var sb = new StringBuilder();
        var cursor = pos;
        var jumped = false;
        for (var jumps = 0; ;)
        {
            var length = message[cursor];
            if (length == 0)
            {
                cursor++;
                break;
            }
            if ((length & 0xC0) == 0xC0)
            {
                if (++jumps > MaxPointerJumps)
                {
                    throw new DnsQueryException("DNS name compression loop");
                }
                var target = ((length & 0x3F) << 8) | message[cursor + 1];
                if (!jumped)
                {
                    pos = cursor + 2;
                    jumped = true;
                }
                cursor = target;
                continue;
            }
            if (sb.Length > 0)
            {
                sb.Append('.');
            }
            sb.Append(Encoding.ASCII.GetString(message, cursor + 1, length));
            cursor += length + 1;
        }
        if (!jumped)
        {
            pos = cursor;
        }
        return sb.ToString();
    }

    private static List<IPEndPoint> ReadResolvConf()
    {
        var servers = new List<IPEndPoint>();
        try
        {
            foreach (var line in File.ReadLines("/etc/resolv.conf"))
            {
                var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 2 && fields[0] == "nameserver" && IPAddress.TryParse(fields[1], out var address))
                {
                    servers.Add(new IPEndPoint(address, 53));
                }
            }
        }
        catch (IOException)
        {
        }
        if (servers.Count == 0)
        {
            servers.Add(new IPEndPoint(IPAddress.Loopback, 53));
        }
        return servers;
    }
}
