using System.Globalization;
using System.Net;
using Argus.Config.Discovery;
using Argus.Model.Labels;

namespace Argus.Scrape.Discovery;

/// <summary>
/// <c>dns_sd_configs</c>: one target group per name, refreshed every interval. SRV records give
/// <c>target:port</c>; A/AAAA/MX/NS records give their address or host with the configured port. Labels as
/// Prometheus documents them: <c>__meta_dns_name</c>, <c>__meta_dns_srv_record_target</c>,
/// <c>__meta_dns_srv_record_port</c>, <c>__meta_dns_mx_record_target</c>, <c>__meta_dns_ns_record_target</c>.
/// Any failed lookup fails the refresh, so the last good set is kept.
/// </summary>
public sealed class DnsDiscoverer : ITargetDiscoverer
{
    private readonly DnsSdConfig _config;
    private readonly DnsClient _client;
    private readonly ushort _type;

    public DnsDiscoverer(DnsSdConfig config, int index, DnsClient? client = null)
    {
        _config = config;
        _client = client ?? new DnsClient();
        _type = DnsClient.ParseType(config.Type);
        Key = $"dns/{index}";
    }

    public string Key { get; }

    public TimeSpan RefreshInterval => _config.RefreshInterval;

    public SemaphoreSlim? ChangeSignal => null;

    public async Task<IReadOnlyList<TargetGroup>> RefreshAsync(CancellationToken cancellationToken)
    {
        var groups = new List<TargetGroup>();
        foreach (var name in _config.Names)
        {
            var records = await _client.QueryAsync(name, _type, cancellationToken).ConfigureAwait(false);
            var targets = new List<LabelSet>();
            foreach (var record in records)
            {
                var builder = new LabelSetBuilder().Set("__meta_dns_name", name);
                string address;
                switch (record.Type)
                {
                    case DnsClient.TypeSrv:
                        address = HostPort(record.Host!, record.Port);
                        builder.Set("__meta_dns_srv_record_target", record.Host!)
                            .Set("__meta_dns_srv_record_port", record.Port.ToString(CultureInfo.InvariantCulture));
                        break;
                    case DnsClient.TypeMx:
                        address = HostPort(record.Host!, _config.Port);
                        builder.Set("__meta_dns_mx_record_target", record.Host!);
                        break;
                    case DnsClient.TypeNs:
                        address = HostPort(record.Host!, _config.Port);
                        builder.Set("__meta_dns_ns_record_target", record.Host!);
                        break;
                    default:
                        address = HostPort(record.Address!.ToString(), _config.Port);
                        break;
                }
                targets.Add(builder.Set(LabelNames.Address, address).Build());
            }
            groups.Add(new TargetGroup { Targets = targets, Source = name });
        }
        return groups;
    }

    private static string HostPort(string host, int port) =>
        IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{host}]:{port.ToString(CultureInfo.InvariantCulture)}"
            : $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";

    public void Dispose()
    {
    }
}
