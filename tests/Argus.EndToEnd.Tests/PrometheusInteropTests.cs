using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
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

        var promPort = FreePort();
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
        using var prometheus = StartPrometheus(promPort);
        using var promHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{promPort}"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            // Prometheus scraped both endpoints without a parse error: up is 1 and samples were taken.
            var up = await WaitForAsync(promHttp, "up == 1", r => r.GetArrayLength() == 2, prometheus);
            Assert.Equal(2, up.GetArrayLength());
            var scraped = await WaitForAsync(promHttp, "scrape_samples_scraped > 0", r => r.GetArrayLength() == 2, prometheus);
            Assert.Equal(2, scraped.GetArrayLength());

            // Argus received the same series by remote write.
            // Three scrapes in Argus: the moment chosen below lies after Prometheus' first scrape.
            await WaitForAsync(argus.Http, "count_over_time(up{job=\"argus-host\"}[1m]) >= 3", r => r.GetArrayLength() == 1, prometheus);
            // A moment both have seen; the wait lets the remote-write queue deliver everything up to it.
            var at = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds() / 1000.0;
            await Task.Delay(TimeSpan.FromSeconds(3));
            foreach (var query in new[] { "count({job=\"argus-host\"})", "count({job=\"argus\"})", "sum(node_cpu_seconds_total)", "scrape_samples_scraped{job=\"argus-host\"}" })
            {
                var fromPrometheus = await QueryAsync(promHttp, query, at);
                var fromArgus = await QueryAsync(argus.Http, query, at);
                Assert.True(fromPrometheus.GetArrayLength() == 1, $"{query} at {at}: Prometheus answered {fromPrometheus}");
                Assert.Equal(Value(fromPrometheus), Value(fromArgus));
            }
            Assert.True(Value(await QueryAsync(argus.Http, "count({job=\"argus-host\"})", at)) > 50);
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
        }
    }

    private static double Value(JsonElement result) =>
        double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);

    private Process StartPrometheus(int port)
    {
        var info = new ProcessStartInfo("prometheus")
        {
            WorkingDirectory = _dir,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--config.file=prometheus.yml", "--storage.tsdb.path=prom-data", $"--web.listen-address=127.0.0.1:{port}" })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private static async Task<JsonElement> QueryAsync(HttpClient http, string query, double? time = null)
    {
        var url = "/api/v1/query?query=" + Uri.EscapeDataString(query) +
            (time is { } t ? "&time=" + t.ToString("R", CultureInfo.InvariantCulture) : string.Empty);
        var response = await http.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{http.BaseAddress}{url}: {(int)response.StatusCode} {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("data").GetProperty("result").Clone();
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient http, string query, Func<JsonElement, bool> done, Process prometheus)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            JsonElement result;
            try
            {
                result = await QueryAsync(http, query);
            }
            catch (HttpRequestException)
            {
                // Prometheus is still starting.
                result = JsonDocument.Parse("[]").RootElement.Clone();
            }
            if (done(result))
            {
                return result;
            }
            Assert.False(prometheus.HasExited, "prometheus exited early");
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{http.BaseAddress}: query {query} never gave the expected result; last: {result}");
            }
            await Task.Delay(250);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
