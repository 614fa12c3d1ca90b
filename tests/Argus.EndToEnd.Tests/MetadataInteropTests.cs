using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Argus.EndToEnd.Tests;

/// <summary>
/// Argus and a real Prometheus (Debian's 2.42) scrape the same two loopback targets, one in the text format and
/// one in OpenMetrics with a unit and <c>_total</c>-less family names; their <c>/api/v1/metadata</c> and
/// <c>/api/v1/targets/metadata</c> answers must hold the same entries. Prometheus walks Go maps, so it lists
/// targets, families and a family's entries in random order: lists are compared as sorted sets.
/// </summary>
public sealed class MetadataInteropTests : IAsyncLifetime
{
    private const string TextBody = """
        # HELP http_requests_total The total number of HTTP requests.
        # TYPE http_requests_total counter
        http_requests_total{code="200"} 10
        # HELP temp A \\ backslash, a \"quote\" and a\nnewline <b>.
        # TYPE temp gauge
        temp 3
        # TYPE untyped_thing untyped
        untyped_thing 1
        no_metadata 2
        # HELP only_help Help without a type.
        only_help 4
        # HELP rpc_seconds RPC latency.
        # TYPE rpc_seconds summary
        rpc_seconds{quantile="0.5"} 0.1
        rpc_seconds_sum 1
        rpc_seconds_count 3

        """;

    private const string OpenMetricsBody = """
        # TYPE req counter
        # HELP req Requests with a \"quote\".
        req_total 5
        # TYPE latency_seconds histogram
        # UNIT latency_seconds seconds
        # HELP latency_seconds Latency.
        latency_seconds_bucket{le="1"} 1
        latency_seconds_bucket{le="+Inf"} 2
        latency_seconds_sum 1.5
        latency_seconds_count 2
        # TYPE build info
        build_info{version="1"} 1
        # TYPE state stateset
        state{state="a"} 1
        # TYPE temp gauge
        # HELP temp Temperature of the OpenMetrics app.
        temp 21
        # EOF

        """;

    /// <summary>Families with metadata: five in each body (<c>no_metadata</c> has none).</summary>
    private const int ExpectedTargetEntries = 10;

    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-metadata-").FullName;
    private WebApplication? _target;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        _target = builder.Build();
        _target.MapGet("/metrics", context => Serve(context, "text/plain; version=0.0.4; charset=utf-8", TextBody));
        _target.MapGet("/om", context => Serve(context, "application/openmetrics-text; version=1.0.0; charset=utf-8", OpenMetricsBody));
        await _target.StartAsync();
    }

    private static Task Serve(HttpContext context, string contentType, string body)
    {
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body.TrimEnd('\n') + "\n");
    }

    public async Task DisposeAsync()
    {
        if (_target is not null)
        {
            await _target.DisposeAsync();
        }
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Argus_and_Prometheus_report_the_same_metadata_for_the_same_targetsAsync()
    {
        var targetAddress = new Uri(_target!.Urls.First()).Authority;
        var config = $$"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: text
                static_configs: [{ targets: ["{{targetAddress}}"] }]
              - job_name: om
                metrics_path: /om
                static_configs: [{ targets: ["{{targetAddress}}"], labels: { env: "test" } }]
            """;
        await File.WriteAllTextAsync(Path.Combine(_dir, "argus.yml"), config);
        await File.WriteAllTextAsync(Path.Combine(_dir, "prometheus.yml"), config);
        await using var argus = await ArgusProcess.StartAsync(_dir, "--config.file=argus.yml", "--storage.tsdb.path=argus-data");
        var promPort = LoopbackPort.Free();
        using var prometheus = PrometheusPeer.StartWithConfig(_dir, promPort);
        using var promHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{promPort}"), Timeout = TimeSpan.FromSeconds(10) };
        void PrometheusAlive() => Assert.False(prometheus.HasExited, "prometheus exited early");
        try
        {
            await PrometheusPeer.WaitReadyAsync($"http://127.0.0.1:{promPort}", PrometheusAlive);
            await WaitForEntriesAsync(promHttp, PrometheusAlive);
            await WaitForEntriesAsync(argus.Http, () => { });

            foreach (var query in new[] { string.Empty, "?metric=temp", "?match_target=%7Bjob%3D%22om%22%7D", "?match_target=%7Benv%3D%22test%22%7D&metric=req", "?metric=absent", "?limit=0" })
            {
                Assert.Equal(
                    TargetEntries(await GetDataAsync(promHttp, "/api/v1/targets/metadata" + query)),
                    TargetEntries(await GetDataAsync(argus.Http, "/api/v1/targets/metadata" + query)));
            }
            // limit_per_metric is left out: Prometheus 2.42 ignores it, 3.x (and Argus) apply it.
            foreach (var query in new[] { string.Empty, "?metric=temp", "?metric=latency_seconds", "?metric=absent", "?limit=0" })
            {
                Assert.Equal(
                    Families(await GetDataAsync(promHttp, "/api/v1/metadata" + query)),
                    Families(await GetDataAsync(argus.Http, "/api/v1/metadata" + query)));
            }
            var all = Families(await GetDataAsync(argus.Http, "/api/v1/metadata"));
            Assert.Equal(["type=gauge help=A \\ backslash, a \\\"quote\\\" and a\nnewline <b>. unit=", "type=gauge help=Temperature of the OpenMetrics app. unit="], all["temp"]);
            Assert.Equal(["type=histogram help=Latency. unit=seconds"], all["latency_seconds"]);

            // format_query, beside the new endpoints, still prints what Prometheus prints.
            foreach (var query in new[] { "sum(rate(x[5m])) by (job)", "+up", "a/on(x)group_left(y)b", "-1 + 2 ^ 3", "x offset -5m @ 10" })
            {
                var path = "/api/v1/format_query?query=" + Uri.EscapeDataString(query);
                Assert.Equal((await GetDataAsync(promHttp, path)).GetString(), (await GetDataAsync(argus.Http, path)).GetString());
            }
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
        }
    }

    private static async Task WaitForEntriesAsync(HttpClient http, Action stillRunning)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            stillRunning();
            var data = await GetDataAsync(http, "/api/v1/targets/metadata");
            if (data.GetArrayLength() == ExpectedTargetEntries)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{http.BaseAddress} never reported all metadata: {data}");
            await Task.Delay(250);
        }
    }

    private static async Task<JsonElement> GetDataAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{http.BaseAddress}{path}: {(int)response.StatusCode} {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("data").Clone();
    }

    /// <summary>Each entry as one line (target labels sorted, then the fields; <c>metric</c> only when present), sorted.</summary>
    private static List<string> TargetEntries(JsonElement data) =>
        data.EnumerateArray()
            .Select(e => string.Join(',', e.GetProperty("target").EnumerateObject().Select(l => $"{l.Name}={l.Value.GetString()}").Order(StringComparer.Ordinal)) +
                         (e.TryGetProperty("metric", out var metric) ? " metric=" + metric.GetString() : " (no metric)") +
                         " " + Fields(e))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Metric name to its entries as sorted lines.</summary>
    private static SortedDictionary<string, List<string>> Families(JsonElement data) =>
        new(data.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(Fields).Order(StringComparer.Ordinal).ToList()), StringComparer.Ordinal);

    private static string Fields(JsonElement e) =>
        $"type={e.GetProperty("type").GetString()} help={e.GetProperty("help").GetString()} unit={e.GetProperty("unit").GetString()}";
}
