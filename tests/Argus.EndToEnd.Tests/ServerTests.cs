using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Argus.EndToEnd.Tests;

public sealed class ServerTests : IDisposable
{
    private const string GoodConfig = "global:\n  scrape_interval: 15s\nscrape_configs: []\n";
    private const string OtherGoodConfig = "global:\n  scrape_interval: 30s\nscrape_configs: []\n";
    private const string BrokenConfig = "global:\n  scrape_interval: 15s\nscrape_configz: []\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Serves_health_readiness_and_metrics_and_reloads_by_http_and_sighupAsync()
    {
        var configPath = Path.Combine(_dir, "argus.yml");
        await File.WriteAllTextAsync(configPath, GoodConfig);
        await using var argus = await ArgusProcess.StartAsync(_dir,
            "--config.file=argus.yml", "--storage.tsdb.path=data", "--web.enable-lifecycle");

        Assert.Equal(HttpStatusCode.OK, (await argus.Http.GetAsync("/-/healthy")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await argus.Http.GetAsync("/-/ready")).StatusCode);
        Assert.True(Directory.Exists(Path.Combine(_dir, "data")));

        var metrics = await argus.Http.GetStringAsync("/metrics");
        Assert.Matches("""argus_build_info\{branch="[^"]+",dotnetversion="[^"]+",revision="[^"]+",version="[^"]+"\} 1\n""", metrics);
        Assert.True(MetricsText.Value(metrics, "process_cpu_seconds_total") > 0);
        Assert.True(MetricsText.Value(metrics, "process_resident_memory_bytes") > 0);
        Assert.True(MetricsText.Value(metrics, "process_open_fds") > 0);
        Assert.Contains("dotnet_gc_collections_total{generation=\"0\"}", metrics, StringComparison.Ordinal);
        Assert.Equal(1, MetricsText.Value(metrics, "argus_config_last_reload_successful"));
        Assert.Contains("argus_http_requests_total{code=\"200\",handler=\"/-/ready\"}", metrics, StringComparison.Ordinal);
        var firstSuccess = MetricsText.Value(metrics, "argus_config_last_reload_success_timestamp_seconds");
        var firstHash = MetricsText.Value(metrics, "argus_config_hash");

        // Reload over HTTP with a new valid configuration.
        await Task.Delay(20);
        await File.WriteAllTextAsync(configPath, OtherGoodConfig);
        Assert.Equal(HttpStatusCode.OK, (await argus.Http.PostAsync("/-/reload", null)).StatusCode);
        metrics = await argus.Http.GetStringAsync("/metrics");
        Assert.Equal(1, MetricsText.Value(metrics, "argus_config_last_reload_successful"));
        var secondSuccess = MetricsText.Value(metrics, "argus_config_last_reload_success_timestamp_seconds");
        Assert.True(secondSuccess > firstSuccess);
        var secondHash = MetricsText.Value(metrics, "argus_config_hash");
        Assert.NotEqual(firstHash, secondHash);

        // A broken configuration over HTTP: 500, metric 0, the running configuration stays.
        await File.WriteAllTextAsync(configPath, BrokenConfig);
        var failed = await argus.Http.PostAsync("/-/reload", null);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Contains("argus.yml:3:1: field scrape_configz not found", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        metrics = await argus.Http.GetStringAsync("/metrics");
        Assert.Equal(0, MetricsText.Value(metrics, "argus_config_last_reload_successful"));
        Assert.Equal(secondSuccess, MetricsText.Value(metrics, "argus_config_last_reload_success_timestamp_seconds"));
        Assert.Equal(secondHash, MetricsText.Value(metrics, "argus_config_hash"));
        Assert.Equal(HttpStatusCode.OK, (await argus.Http.GetAsync("/-/ready")).StatusCode);

        // SIGHUP with a valid configuration succeeds again...
        await File.WriteAllTextAsync(configPath, GoodConfig);
        argus.Signal("HUP");
        metrics = await argus.WaitForMetricsAsync(m => MetricsText.Value(m, "argus_config_last_reload_successful") == 1, TimeSpan.FromSeconds(10));
        Assert.Equal(1, MetricsText.Value(metrics, "argus_config_last_reload_successful"));
        Assert.True(MetricsText.Value(metrics, "argus_config_last_reload_success_timestamp_seconds") > secondSuccess);
        Assert.Equal(firstHash, MetricsText.Value(metrics, "argus_config_hash"));

        // ...and SIGHUP with a broken one fails and keeps it.
        await File.WriteAllTextAsync(configPath, BrokenConfig);
        argus.Signal("HUP");
        metrics = await argus.WaitForMetricsAsync(m => MetricsText.Value(m, "argus_config_last_reload_successful") == 0, TimeSpan.FromSeconds(10));
        Assert.Equal(0, MetricsText.Value(metrics, "argus_config_last_reload_successful"));
        Assert.Equal(firstHash, MetricsText.Value(metrics, "argus_config_hash"));
        Assert.Contains(argus.StderrLines, l => l.Contains("level=error", StringComparison.Ordinal) && l.Contains("scrape_configz", StringComparison.Ordinal));

        // /-/quit stops the server cleanly.
        Assert.Equal(HttpStatusCode.OK, (await argus.Http.PostAsync("/-/quit", null)).StatusCode);
        Assert.Equal(0, await argus.WaitForExitAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Without_flags_runs_the_embedded_config_and_sigterm_lets_an_in_flight_request_finishAsync()
    {
        await using var argus = await ArgusProcess.StartAsync(_dir, "--web.enable-lifecycle", "--log.format=json");

        // The embedded default stores under ./data and logs JSON lines with components.
        Assert.True(Directory.Exists(Path.Combine(_dir, "data")));
        var jsonLine = argus.StderrLines.First(l => l.Contains("embedded default config", StringComparison.Ordinal));
        using (var doc = JsonDocument.Parse(jsonLine))
        {
            Assert.Equal("info", doc.RootElement.GetProperty("level").GetString());
            Assert.Equal("server", doc.RootElement.GetProperty("component").GetString());
        }

        // Start a reload whose body is still uploading, then ask the server to stop.
        var port = argus.Http.BaseAddress!.Port;
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /-/reload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 10\r\n\r\n12345"));
        await stream.FlushAsync();
        await Task.Delay(300);
        var stopwatch = Stopwatch.StartNew();
        argus.Signal("TERM");
        await Task.Delay(300);
        Assert.Contains(argus.StderrLines, l => l.Contains("SIGTERM", StringComparison.Ordinal));

        // The in-flight request still completes...
        await stream.WriteAsync("67890"u8.ToArray());
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("HTTP/1.1 200", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);

        // ...and the process exits 0 promptly.
        Assert.Equal(0, await argus.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Ctrl_c_stops_the_server_with_exit_0Async()
    {
        await using var argus = await ArgusProcess.StartAsync(_dir, "--storage.tsdb.path=d2");
        argus.Signal("INT");
        Assert.Equal(0, await argus.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains(argus.StderrLines, l => l.Contains("SIGINT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Startup_fails_with_exit_1_on_an_invalid_config_fileAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "bad.yml"), BrokenConfig);
        var (exitCode, _, stderr) = await CliProcess.RunAsync(_dir, "--config.file=bad.yml", "--web.listen-address=127.0.0.1:0");
        Assert.Equal(1, exitCode);
        Assert.Contains("bad.yml:3:1: field scrape_configz not found", stderr, StringComparison.Ordinal);
    }
}
