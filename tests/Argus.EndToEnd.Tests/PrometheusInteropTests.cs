using System.Globalization;
using System.Text.Json;

namespace Argus.EndToEnd.Tests;

/// <summary>
/// A real Prometheus (Debian's package) scrapes Argus's <c>/metrics</c> and <c>/metrics/host</c> and
/// remote-writes everything it scrapes into Argus. Prometheus must parse both expositions without an
/// error, and Argus must hold the same series and values as Prometheus.
/// </summary>
public sealed class PrometheusInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-prom-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Prometheus_scrapes_Argus_cleanly_and_its_remote_write_lands_intactAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "argus.yml"), "scrape_configs: []\n");
        await using var argus = await ArgusProcess.StartAsync(_dir, "--config.file=argus.yml", "--storage.tsdb.path=argus-data");
        var argusAddress = argus.Http.BaseAddress!.Authority;

        var promPort = LoopbackPort.Free();
        await File.WriteAllTextAsync(Path.Combine(_dir, "prometheus.yml"), $$"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            remote_write:
              - url: http://{{argusAddress}}/api/v1/write
                queue_config: { batch_send_deadline: 1s, min_backoff: 100ms, max_backoff: 1s }
            scrape_configs:
              - job_name: argus
                static_configs: [{ targets: ["{{argusAddress}}"] }]
              - job_name: argus-host
                metrics_path: /metrics/host
                static_configs: [{ targets: ["{{argusAddress}}"] }]
            """);
        using var prometheus = PrometheusPeer.StartWithConfig(_dir, promPort);
        using var promHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{promPort}"), Timeout = TimeSpan.FromSeconds(10) };
        void PrometheusAlive() => Assert.False(prometheus.HasExited, "prometheus exited early");
        try
        {
            await PrometheusPeer.WaitReadyAsync($"http://127.0.0.1:{promPort}", PrometheusAlive);
            // Prometheus scraped both endpoints without a parse error: up is 1 and samples were taken.
            var up = await QueryApi.WaitForAsync(promHttp, "up == 1", r => r.GetArrayLength() == 2, PrometheusAlive);
            Assert.Equal(2, up.GetArrayLength());
            var scraped = await QueryApi.WaitForAsync(promHttp, "scrape_samples_scraped > 0", r => r.GetArrayLength() == 2, PrometheusAlive);
            Assert.Equal(2, scraped.GetArrayLength());

            // Argus received the same series by remote write.
            // Three scrapes in Argus: the moment chosen below lies after Prometheus' first scrape.
            await QueryApi.WaitForAsync(argus.Http, "count_over_time(up{job=\"argus-host\"}[1m]) >= 3", r => r.GetArrayLength() == 1, PrometheusAlive);
            // A moment both have seen; the wait lets the remote-write queue deliver everything up to it.
            var at = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds() / 1000.0;
            await Task.Delay(TimeSpan.FromSeconds(3));
            foreach (var query in new[] { "count({job=\"argus-host\"})", "count({job=\"argus\"})", "sum(node_cpu_seconds_total)", "scrape_samples_scraped{job=\"argus-host\"}" })
            {
                var fromPrometheus = await QueryApi.QueryAsync(promHttp, query, at);
                var fromArgus = await QueryApi.QueryAsync(argus.Http, query, at);
                Assert.True(fromPrometheus.GetArrayLength() == 1, $"{query} at {at}: Prometheus answered {fromPrometheus}");
                // sum() adds the series in each engine's own order, so the last bits may differ.
                var expected = Value(fromPrometheus);
                var actual = Value(fromArgus);
                Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{query} at {at}: Prometheus {expected}, Argus {actual}");
            }
            Assert.True(Value(await QueryApi.QueryAsync(argus.Http, "count({job=\"argus-host\"})", at)) > 50);
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
        }
    }

    private static double Value(JsonElement result) =>
        double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
}
