using System.Net;

namespace Argus.Scrape.Discovery;

/// <summary>One answer record: an address (A/AAAA) or a host name with port/priority (SRV, MX, NS).</summary>
public sealed record DnsRecord(ushort Type, IPAddress? Address, string? Host, ushort Port);
