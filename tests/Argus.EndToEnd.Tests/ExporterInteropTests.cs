using System.Globalization;
using System.Net;

namespace Argus.EndToEnd.Tests;

/// <summary>
/// Argus scrapes a real node exporter and a real Pushgateway (Debian's <c>prometheus-node-exporter</c> and
/// <c>prometheus-pushgateway</c>) on 127.0.0.1, and what it stores must be what they expose: the same series
/// with the same label sets, constant values equal, counters between two reads of the exporter taken around
/// Argus's scrape, and pushed values exactly.
/// </summary>
public sealed class ExporterInteropTests : IDisposable
{
    /// <summary>Pushed metric names plus the two series the Pushgateway adds to every group.</summary>
    private const string PushedNames = "batch_.+|push_time_seconds|push_failure_time_seconds";

    /// <summary>Families whose series are fixed while the test runs (a node's hardware, kernel and exporter build).</summary>
    private static readonly string[] ConstantFamilies =
        ["node_exporter_build_info", "node_uname_info", "node_memory_MemTotal_bytes", "node_boot_time_seconds", "node_filefd_maximum"];

    /// <summary>Counters that only grow, so Argus's sample lies between two reads of the exporter around it.</summary>
    private static readonly string[] GrowingCounters = ["node_cpu_seconds_total", "node_network_receive_bytes_total", "node_context_switches_total"];

    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-exporters-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Argus_stores_what_a_real_node_exporter_and_pushgateway_exposeAsync()
    {
        var nodePort = LoopbackPort.Free();
        var pushPort = LoopbackPort.Free();
        var nodeTarget = $"127.0.0.1:{nodePort}";
        var pushTarget = $"127.0.0.1:{pushPort}";
        // A fixed set of collectors that work without privileges (systemd, udev and hardware ones need a full host).
        using var nodeExporter = PrometheusPeer.StartProgram("prometheus-node-exporter", _dir, $"--web.listen-address={nodeTarget}",
            "--collector.disable-defaults", "--collector.cpu", "--collector.loadavg", "--collector.meminfo", "--collector.stat",
            "--collector.uname", "--collector.filefd", "--collector.netdev", "--collector.time");
        // Debian's build persists to a shared file under /var/lib by default; this one keeps its own.
        using var pushgateway = PrometheusPeer.StartProgram("prometheus-pushgateway", _dir, $"--web.listen-address={pushTarget}", "--persistence.file=pushgateway.data");
        void PeersAlive()
        {
            Assert.False(nodeExporter.HasExited, "prometheus-node-exporter exited early");
            Assert.False(pushgateway.HasExited, "prometheus-pushgateway exited early");
        }
        using var nodeHttp = new HttpClient { BaseAddress = new Uri($"http://{nodeTarget}"), Timeout = TimeSpan.FromSeconds(10) };
        using var pushHttp = new HttpClient { BaseAddress = new Uri($"http://{pushTarget}"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await PrometheusPeer.WaitReadyAsync($"http://{nodeTarget}", PeersAlive, "/metrics");
            await PrometheusPeer.WaitReadyAsync($"http://{pushTarget}", PeersAlive);
            await PushAsync(pushHttp, HttpMethod.Put, "/metrics/job/nightly/instance/db1", """
                # TYPE batch_last_success_seconds gauge
                batch_last_success_seconds 1700000000.25
                # TYPE batch_records_total counter
                batch_records_total{table="orders"} 12345
                batch_records_total{table="say \"hi\"\nbye"} 7

                """);
            await PushAsync(pushHttp, HttpMethod.Post, "/metrics/job/nightly/instance/db2", "# TYPE batch_last_success_seconds gauge\nbatch_last_success_seconds 1.5e9\n");
            // A grouping key value with a slash, base64-encoded as the Pushgateway's API requires, and no instance.
            await PushAsync(pushHttp, HttpMethod.Put, "/metrics/job/backup/path@base64/L3Zhci9saWIvYXJndXM", "batch_bytes_written 1e+09\n");

            await File.WriteAllTextAsync(Path.Combine(_dir, "argus.yml"), $$"""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: node
                    static_configs: [{ targets: ["{{nodeTarget}}"] }]
                  - job_name: pushgateway
                    honor_labels: true
                    static_configs: [{ targets: ["{{pushTarget}}"] }]
                """);
            await using var argus = await ArgusProcess.StartAsync(_dir, "--config.file=argus.yml", "--storage.tsdb.path=data");
            await QueryApi.WaitForAsync(argus.Http, "up == 1", r => r.GetArrayLength() == 2, PeersAlive);

            await AssertPushedGroupsStoredExactlyAsync(argus.Http, pushHttp, pushTarget, PeersAlive);
            await AssertNodeSeriesMatchAsync(argus.Http, nodeHttp, nodeTarget, PeersAlive);

            // Deleting a group makes its series stale in Argus at the next scrape, as in Prometheus.
            var deleted = await pushHttp.DeleteAsync(new Uri("/metrics/job/nightly/instance/db2", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
            await QueryApi.WaitForAsync(argus.Http, "batch_last_success_seconds{instance=\"db2\"}", r => r.GetArrayLength() == 0, PeersAlive);
            var kept = await QueryApi.QueryAsync(argus.Http, "batch_last_success_seconds");
            Assert.Equal("db1", kept.EnumerateArray().Single().GetProperty("metric").GetProperty("instance").GetString());
        }
        finally
        {
            nodeExporter.Kill(entireProcessTree: true);
            pushgateway.Kill(entireProcessTree: true);
        }
    }

    private static async Task PushAsync(HttpClient pushgateway, HttpMethod method, string path, string body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new StringContent(body) };
        var response = await pushgateway.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Every pushed series, with the Pushgateway's <c>push_time_seconds</c>, is stored with exactly the
    /// exposed labels and value; a group without an instance gets the Pushgateway's, as honor_labels gives it.</summary>
    private static async Task AssertPushedGroupsStoredExactlyAsync(HttpClient argus, HttpClient pushgateway, string pushTarget, Action peersAlive)
    {
        var exposed = ExposedSeries.FromExposition(await pushgateway.GetStringAsync(new Uri("/metrics", UriKind.Relative)), PushedNames,
            new Dictionary<string, string> { ["job"] = "pushgateway", ["instance"] = pushTarget });
        // Three groups: five pushed series, and push_time_seconds and push_failure_time_seconds for each group.
        Assert.Equal(5 + 3 * 2, exposed.Count);
        Assert.Contains($"batch_bytes_written{{instance=\"{pushTarget}\",job=\"backup\",path=\"/var/lib/argus\"}}", exposed.Keys);
        var stored = ExposedSeries.FromQueryResult(await QueryApi.WaitForAsync(argus, $"{{__name__=~\"{PushedNames}\"}}",
            r => r.GetArrayLength() == exposed.Count, peersAlive));
        Assert.Equal(exposed.OrderBy(s => s.Key, StringComparer.Ordinal), stored.OrderBy(s => s.Key, StringComparer.Ordinal));
    }

    /// <summary>Reads the node exporter, waits for an Argus scrape after that read, takes what Argus stored and
    /// reads the exporter again: the families and label sets agree, constants are equal and growing counters
    /// lie between the two reads.</summary>
    private static async Task AssertNodeSeriesMatchAsync(HttpClient argus, HttpClient nodeExporter, string nodeTarget, Action peersAlive)
    {
        var target = new Dictionary<string, string> { ["job"] = "node", ["instance"] = nodeTarget };
        var before = ExposedSeries.FromExposition(await nodeExporter.GetStringAsync(new Uri("/metrics", UriKind.Relative)), "node_.+", target);
        var readAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        await QueryApi.WaitForAsync(argus, "timestamp(up{job=\"node\"})",
            r => r.GetArrayLength() == 1 && double.Parse(r[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture) > readAt, peersAlive);
        var stored = ExposedSeries.FromQueryResult(await QueryApi.QueryAsync(argus, "{job=\"node\",__name__=~\"node_.+\"}"));
        var after = ExposedSeries.FromExposition(await nodeExporter.GetStringAsync(new Uri("/metrics", UriKind.Relative)), "node_.+", target);

        Assert.Equal(Families(after), Families(stored));
        foreach (var family in ConstantFamilies.Concat(GrowingCounters))
        {
            Assert.Equal(SeriesOf(after, family), SeriesOf(stored, family));
        }
        Assert.NotEmpty(SeriesOf(after, "node_cpu_seconds_total"));
        foreach (var family in ConstantFamilies)
        {
            Assert.All(SeriesOf(after, family), key => Assert.Equal(after[key], stored[key]));
        }
        foreach (var family in GrowingCounters)
        {
            Assert.All(SeriesOf(after, family), key => Assert.InRange(stored[key], before[key], after[key]));
        }
    }

    private static string[] Families(Dictionary<string, double> series) =>
        [.. series.Keys.Select(k => k[..k.IndexOf('{', StringComparison.Ordinal)]).Distinct().Order(StringComparer.Ordinal)];

    private static string[] SeriesOf(Dictionary<string, double> series, string family) =>
        [.. series.Keys.Where(k => k.StartsWith(family + "{", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
}
