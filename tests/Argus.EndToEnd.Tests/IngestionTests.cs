using System.Net;

namespace Argus.EndToEnd.Tests;

/// <summary>
/// The real binary scraping itself, its host collector and its Pushgateway groups, checked through
/// the query API, with Prometheus' own <c>promtool</c> judging the exposition, and a restart in the middle.
/// </summary>
public sealed class IngestionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-ingest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Scrapes_itself_its_host_and_pushed_groups_and_keeps_them_across_a_restartAsync()
    {
        var port = LoopbackPort.Free();
        await File.WriteAllTextAsync(Path.Combine(_dir, "argus.yml"), $$"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: argus
                static_configs: [{ targets: ["127.0.0.1:{{port}}"] }]
              - job_name: node
                metrics_path: /metrics/host
                static_configs: [{ targets: ["127.0.0.1:{{port}}"] }]
              - job_name: pushgateway
                honor_labels: true
                metrics_path: /pushgateway/metrics
                static_configs: [{ targets: ["127.0.0.1:{{port}}"] }]
            """);
        string[] args = ["--config.file=argus.yml", "--storage.tsdb.path=data", $"--web.listen-address=127.0.0.1:{port}"];

        await using (var argus = await ArgusProcess.StartAsync(_dir, args))
        {
            using var push = new StringContent("# TYPE batch_last_success_seconds gauge\nbatch_last_success_seconds 1700000000\n");
            var pushed = await argus.Http.PutAsync("/metrics/job/nightly/instance/db1", push);
            Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);

            var up = await QueryApi.WaitForAsync(argus.Http, "up == 1", result => result.GetArrayLength() == 3);
            Assert.Equal(["argus", "node", "pushgateway"], up.EnumerateArray().Select(s => s.GetProperty("metric").GetProperty("job").GetString()).Order());

            var batch = await QueryApi.WaitForAsync(argus.Http, "batch_last_success_seconds", result => result.GetArrayLength() == 1);
            var metric = batch[0].GetProperty("metric");
            Assert.Equal("nightly", metric.GetProperty("job").GetString());
            Assert.Equal("db1", metric.GetProperty("instance").GetString());
            Assert.Equal("1700000000", batch[0].GetProperty("value")[1].GetString());

            var cpu = await QueryApi.WaitForAsync(argus.Http, "count(node_cpu_seconds_total{mode=\"idle\"})", result => result.GetArrayLength() == 1);
            Assert.Equal(Environment.ProcessorCount, int.Parse(cpu[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture));

            // Prometheus' own linter accepts Argus's exposition. The host collector keeps node_exporter's
            // names, so it draws the same camelCase lint node_exporter does (exit 3), and nothing else.
            var (ownCode, ownOutput) = await PrometheusPeer.PromtoolCheckMetricsAsync(await argus.Http.GetStringAsync("/metrics"));
            Assert.True(ownCode == 0, ownOutput);
            var (hostCode, hostOutput) = await PrometheusPeer.PromtoolCheckMetricsAsync(await argus.Http.GetStringAsync("/metrics/host"));
            Assert.True(hostCode is 0 or 3, hostOutput);
            Assert.All(hostOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries),
                line => Assert.Contains("should be written in 'snake_case' not 'camelCase'", line, StringComparison.Ordinal));

            argus.Signal("TERM");
            Assert.Equal(0, await argus.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        }

        // After a clean restart the series are still there and not stale: the WAL kept them and a
        // shutdown does not write staleness markers.
        await using (var argus = await ArgusProcess.StartAsync(_dir, args))
        {
            var batch = await QueryApi.QueryAsync(argus.Http, "batch_last_success_seconds");
            Assert.Equal(1, batch.GetArrayLength());
            var samples = await QueryApi.QueryAsync(argus.Http, "count_over_time(up{job=\"argus\"}[1h])");
            Assert.True(int.Parse(samples[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        }
    }
}
