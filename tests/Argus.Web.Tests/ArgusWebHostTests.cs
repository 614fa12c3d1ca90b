using System.Diagnostics;
using System.Net;
using Argus.Instrumentation.Metrics;
using Argus.Web.Hosting;
using Argus.Web.Logging;
using Microsoft.Extensions.Logging;

namespace Argus.Web.Tests;

public sealed class ArgusWebHostTests : IAsyncLifetime
{
    private readonly MetricsRegistry _registry = new();
    private readonly ReadinessGate _readiness = new();
    private readonly RecordingLifecycle _lifecycle = new();
    private readonly SlowModule _module = new();
    private readonly StringWriter _log = new();
    private ArgusWebHost? _host;
    private HttpClient? _client;

    private HttpClient Client => _client!;

    private async Task StartAsync(bool enableLifecycle, string routePrefix = "/")
    {
        var options = new WebOptions
        {
            ListenAddress = ListenAddress.Parse("127.0.0.1:0"),
            ExternalUrl = new Uri("http://localhost/"),
            RoutePrefix = routePrefix,
            EnableLifecycle = enableLifecycle,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        };
        var logs = new ArgusLoggerProvider(LogLevel.Information, LogFormat.Logfmt, TextWriter.Synchronized(_log));
        _host = new ArgusWebHost(options, _registry, _readiness, _lifecycle, logs, [_module]);
        await _host.StartAsync(CancellationToken.None);
        _client = new HttpClient { BaseAddress = new Uri(_host.BoundAddresses.Single()) };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Healthy_is_always_200_and_ready_is_503_until_the_gate_opensAsync()
    {
        await StartAsync(enableLifecycle: false);
        var healthy = await Client.GetAsync("/-/healthy");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("Argus Server is Healthy.\n", await healthy.Content.ReadAsStringAsync());

        var notReady = await Client.GetAsync("/-/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Client.GetAsync("/test/gated")).StatusCode);

        _readiness.Open();
        var ready = await Client.GetAsync("/-/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Argus Server is Ready.\n", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/test/gated")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/-/healthy"))).StatusCode);
    }

    [Fact]
    public async Task Lifecycle_endpoints_are_forbidden_unless_enabledAsync()
    {
        await StartAsync(enableLifecycle: false);
        foreach (var path in new[] { "/-/reload", "/-/quit" })
        {
            var response = await Client.PostAsync(path, null);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("Lifecycle API is not enabled.", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(0, _lifecycle.Reloads);
        Assert.Null(_lifecycle.ShutdownReason);
    }

    [Fact]
    public async Task Reload_reports_success_and_failure_and_quit_requests_shutdownAsync()
    {
        await StartAsync(enableLifecycle: true);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/-/reload", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsync("/-/reload", null)).StatusCode);

        _lifecycle.ReloadError = "argus.yml:3:1: field nope not found";
        var failed = await Client.PostAsync("/-/reload", null);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("failed to reload config: argus.yml:3:1: field nope not found\n", await failed.Content.ReadAsStringAsync());
        Assert.Equal(3, _lifecycle.Reloads);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await Client.GetAsync("/-/reload")).StatusCode);

        var quit = await Client.PostAsync("/-/quit", null);
        Assert.Equal(HttpStatusCode.OK, quit.StatusCode);
        Assert.Equal("Requesting termination... Goodbye!", await quit.Content.ReadAsStringAsync());
        Assert.NotNull(_lifecycle.ShutdownReason);
    }

    [Fact]
    public async Task Metrics_expose_the_registry_and_count_requests_by_handler_and_codeAsync()
    {
        _registry.Gauge("test_value", "A test gauge.").Set(1e6);
        await StartAsync(enableLifecycle: false);
        await Client.GetAsync("/-/healthy");
        await Client.GetAsync("/-/ready");
        await Client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.InternalServerError, (await Client.GetAsync("/test/throw")).StatusCode);
        var response = await Client.GetAsync("/metrics");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("test_value 1e+06\n", body, StringComparison.Ordinal);
        Assert.Contains("argus_http_requests_total{code=\"200\",handler=\"/-/healthy\"} 1\n", body, StringComparison.Ordinal);
        Assert.Contains("argus_http_requests_total{code=\"503\",handler=\"/-/ready\"} 1\n", body, StringComparison.Ordinal);
        Assert.Contains("argus_http_request_duration_seconds_count{handler=\"/-/healthy\"} 1\n", body, StringComparison.Ordinal);
        Assert.Contains("argus_http_requests_total{code=\"500\",handler=\"/test/throw\"} 1\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("/no/such/page", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoints_live_under_the_route_prefix_and_handlers_are_labelled_without_itAsync()
    {
        await StartAsync(enableLifecycle: false, routePrefix: "/argus");
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/argus/-/healthy")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/-/healthy")).StatusCode);
        var body = await Client.GetStringAsync("/argus/metrics");
        Assert.Contains("argus_http_requests_total{code=\"200\",handler=\"/-/healthy\"} 1\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_lets_an_in_flight_request_finish_and_refuses_new_connectionsAsync()
    {
        await StartAsync(enableLifecycle: false);
        var slow = Client.GetAsync("/test/slow");
        await _module.Entered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var stopwatch = Stopwatch.StartNew();
        await _host!.StopAsync(CancellationToken.None);
        stopwatch.Stop();

        var response = await slow;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("finished", await response.Content.ReadAsStringAsync());
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(4));
        using var fresh = new HttpClient { BaseAddress = Client.BaseAddress };
        await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync("/-/healthy"));
    }
}
