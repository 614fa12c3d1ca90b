using System.Net;
using Argus.Config.Discovery;
using Argus.Model.Labels;
using Argus.Scrape.Discovery;

namespace Argus.Scrape.Tests.Discovery;

public sealed class DnsDiscoveryTests
{
    [Fact]
    public async Task Srv_records_become_targets_with_meta_labels()
    {
        await using var dns = new FakeDnsServer((name, type) => name == "_prom._tcp.example.com" && type == DnsClient.TypeSrv
            ? [FakeDnsServer.Srv(9100, "node1.example.com"), FakeDnsServer.Srv(9200, "node2.example.com")]
            : null);
        using var discoverer = new DnsDiscoverer(new DnsSdConfig { Names = ["_prom._tcp.example.com"], Type = "SRV" }, 0,
            new DnsClient([dns.EndPoint], TimeSpan.FromSeconds(2)));

        var group = Assert.Single(await discoverer.RefreshAsync(CancellationToken.None));
        Assert.Equal("_prom._tcp.example.com", group.Source);
        Assert.Equal(
            LabelSet.FromPairs("__address__", "node1.example.com:9100", "__meta_dns_name", "_prom._tcp.example.com",
                "__meta_dns_srv_record_target", "node1.example.com", "__meta_dns_srv_record_port", "9100"),
            group.Targets[0]);
        Assert.Equal("node2.example.com:9200", group.Targets[1].Get("__address__"));
    }

    [Fact]
    public async Task A_and_aaaa_records_use_the_configured_port()
    {
        await using var dns = new FakeDnsServer((_, type) => type == DnsClient.TypeA
            ? [[10, 0, 0, 1]]
            : [IPAddress.Parse("2001:db8::1").GetAddressBytes()]);
        var client = new DnsClient([dns.EndPoint], TimeSpan.FromSeconds(2));
        using var a = new DnsDiscoverer(new DnsSdConfig { Names = ["web.example.com"], Type = "A", Port = 80 }, 0, client);
        using var aaaa = new DnsDiscoverer(new DnsSdConfig { Names = ["web.example.com"], Type = "AAAA", Port = 80 }, 1, client);
        Assert.Equal("10.0.0.1:80", (await a.RefreshAsync(CancellationToken.None)).Single().Targets.Single().Get("__address__"));
        Assert.Equal("[2001:db8::1]:80", (await aaaa.RefreshAsync(CancellationToken.None)).Single().Targets.Single().Get("__address__"));
    }

    [Fact]
    public async Task Mx_records_get_their_meta_label_and_nxdomain_is_an_empty_group()
    {
        await using var dns = new FakeDnsServer((name, _) => name == "example.com" ? [[0, 10, .. FakeDnsServer.Name("mail.example.com")]] : null);
        var client = new DnsClient([dns.EndPoint], TimeSpan.FromSeconds(2));
        using var mx = new DnsDiscoverer(new DnsSdConfig { Names = ["example.com", "missing.example.com"], Type = "MX", Port = 25 }, 0, client);
        var groups = await mx.RefreshAsync(CancellationToken.None);
        Assert.Equal("mail.example.com", groups[0].Targets.Single().Get("__meta_dns_mx_record_target"));
        Assert.Equal("mail.example.com:25", groups[0].Targets.Single().Get("__address__"));
        Assert.Empty(groups[1].Targets);
    }

    [Fact]
    public async Task An_unanswered_query_times_out_with_a_clear_error()
    {
        using var silent = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var client = new DnsClient([(IPEndPoint)silent.Client.LocalEndPoint!], TimeSpan.FromMilliseconds(200));
        var error = await Assert.ThrowsAsync<DnsQueryException>(() => client.QueryAsync("x.example.com", DnsClient.TypeA, CancellationToken.None));
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compression_loop_in_an_answer_is_an_error_not_a_hang()
    {
        byte[] response = [0, 1, 0x81, 0x80, 0, 0, 0, 1, 0, 0, 0, 0, 0xC0, 12, 0, 2, 0, 1, 0, 0, 0, 30, 0, 2, 0xC0, 12];
        Assert.Throws<DnsQueryException>(() => DnsClient.ParseResponse(response, "loop", DnsClient.TypeNs));
    }
}
