using System.Net;
using System.Text.Json;
using Argus.Model.Labels;
using Argus.PromQL.Engine;
using Argus.Scrape.Scraping;
using Argus.Storage.InMemory;
using Argus.Web.Api.V1;

namespace Argus.Web.Tests.Api;

public sealed class PrometheusApiMetadataTests : IAsyncLifetime
{
    private ApiTestHost? _host;

    /// <summary>Two node exporters that disagree on one help text, and an OpenMetrics app with a unit.</summary>
    private static IReadOnlyList<TargetMetadataStatus> Targets() =>
    [
        new TargetMetadataStatus(
            LabelSet.FromPairs("instance", "app:80", "job", "app"),
            [
                new MetricMetadata("latency_seconds", "histogram", "Latency.", "seconds"),
                new MetricMetadata("requests", "counter", "Requests <all>.", string.Empty),
            ]),
        new TargetMetadataStatus(
            LabelSet.FromPairs("instance", "a:9100", "job", "node"),
            [
                new MetricMetadata("node_load1", "gauge", "1m load average.", string.Empty),
                new MetricMetadata("up_since", "unknown", string.Empty, string.Empty),
            ]),
        new TargetMetadataStatus(
            LabelSet.FromPairs("instance", "b:9100", "job", "node"),
            [
                new MetricMetadata("node_load1", "gauge", "1m load average.", string.Empty),
                new MetricMetadata("up_since", "gauge", "Start time.", string.Empty),
            ]),
        new TargetMetadataStatus(LabelSet.FromPairs("instance", "c:9100", "job", "node"), []),
    ];

    public async Task InitializeAsync()
    {
        var api = new PrometheusApi(new InMemoryStorage(), new PromqlEngine(), new PrometheusApiSources { TargetMetadata = Targets });
        _host = await ApiTestHost.StartAsync(api.Map);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private async Task<string> OkAsync(string url)
    {
        var (status, body) = await _host!.GetAsync(url);
        Assert.True(status == HttpStatusCode.OK, $"{url}: {status} {body}");
        return body;
    }

    private async Task<string> BadDataAsync(string url)
    {
        var (status, body) = await _host!.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal("bad_data", doc.RootElement.GetProperty("errorType").GetString());
        return doc.RootElement.GetProperty("error").GetString()!;
    }

    [Fact]
    public async Task Metadata_lists_each_name_with_its_distinct_entries_sorted_by_nameAsync()
    {
        Assert.Equal(
            "{\"status\":\"success\",\"data\":{" +
            "\"latency_seconds\":[{\"type\":\"histogram\",\"help\":\"Latency.\",\"unit\":\"seconds\"}]," +
            "\"node_load1\":[{\"type\":\"gauge\",\"help\":\"1m load average.\",\"unit\":\"\"}]," +
            "\"requests\":[{\"type\":\"counter\",\"help\":\"Requests \\u003call\\u003e.\",\"unit\":\"\"}]," +
            "\"up_since\":[{\"type\":\"unknown\",\"help\":\"\",\"unit\":\"\"},{\"type\":\"gauge\",\"help\":\"Start time.\",\"unit\":\"\"}]}}",
            await OkAsync("/api/v1/metadata"));
    }

    [Theory]
    [InlineData("?metric=node_load1", "node_load1")]
    [InlineData("?metric=nothing", "")]
    [InlineData("?limit=2", "latency_seconds,node_load1")]
    [InlineData("?limit=0", "")]
    [InlineData("?limit=-1", "latency_seconds,node_load1,requests,up_since")]
    [InlineData("?limit=1&metric=up_since", "up_since")]
    public async Task Metadata_filters_by_metric_and_limits_the_namesAsync(string query, string names)
    {
        using var doc = JsonDocument.Parse(await OkAsync("/api/v1/metadata" + query));
        Assert.Equal(names, string.Join(',', doc.RootElement.GetProperty("data").EnumerateObject().Select(p => p.Name)));
    }

    [Theory]
    [InlineData("?limit_per_metric=1", 1)]
    [InlineData("?limit_per_metric=0", 2)]
    [InlineData("?limit_per_metric=-3", 2)]
    public async Task Limit_per_metric_bounds_the_entries_of_each_nameAsync(string query, int entries)
    {
        using var doc = JsonDocument.Parse(await OkAsync("/api/v1/metadata" + query));
        var upSince = doc.RootElement.GetProperty("data").GetProperty("up_since");
        Assert.Equal(entries, upSince.GetArrayLength());
        Assert.Equal("unknown", upSince[0].GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("/api/v1/metadata?limit=x", "limit must be a number")]
    [InlineData("/api/v1/metadata?limit=1.5", "limit must be a number")]
    [InlineData("/api/v1/metadata?limit_per_metric=few", "limit_per_metric must be a number")]
    [InlineData("/api/v1/targets/metadata?limit=z", "limit must be a number")]
    [InlineData("/api/v1/targets/metadata?match_target=%7Bjob%3D%22", "invalid parameter \"match_target\": 1:6: parse error: unterminated quoted string")]
    public async Task Bad_parameters_get_Prometheus_errorsAsync(string url, string error)
    {
        Assert.Equal(error, await BadDataAsync(url));
    }

    [Fact]
    public async Task Target_metadata_lists_every_family_of_the_matching_targetsAsync()
    {
        Assert.Equal(
            "{\"status\":\"success\",\"data\":[" +
            "{\"target\":{\"instance\":\"a:9100\",\"job\":\"node\"},\"metric\":\"node_load1\",\"type\":\"gauge\",\"help\":\"1m load average.\",\"unit\":\"\"}," +
            "{\"target\":{\"instance\":\"a:9100\",\"job\":\"node\"},\"metric\":\"up_since\",\"type\":\"unknown\",\"help\":\"\",\"unit\":\"\"}," +
            "{\"target\":{\"instance\":\"b:9100\",\"job\":\"node\"},\"metric\":\"node_load1\",\"type\":\"gauge\",\"help\":\"1m load average.\",\"unit\":\"\"}," +
            "{\"target\":{\"instance\":\"b:9100\",\"job\":\"node\"},\"metric\":\"up_since\",\"type\":\"gauge\",\"help\":\"Start time.\",\"unit\":\"\"}]}",
            await OkAsync("/api/v1/targets/metadata?match_target=%7Bjob%3D%22node%22%7D"));
    }

    [Fact]
    public async Task Target_metadata_for_one_metric_leaves_the_metric_field_outAsync()
    {
        Assert.Equal(
            "{\"status\":\"success\",\"data\":[{\"target\":{\"instance\":\"app:80\",\"job\":\"app\"},\"type\":\"histogram\",\"help\":\"Latency.\",\"unit\":\"seconds\"}]}",
            await OkAsync("/api/v1/targets/metadata?metric=latency_seconds"));
    }

    [Theory]
    [InlineData("", 6)]
    [InlineData("?metric=nothing", 0)]
    [InlineData("?match_target=up", 0)] // a bare name matches __name__, which no target has
    [InlineData("?match_target=%7Binstance%3D~%22%5Bab%5D.*%22%7D&metric=up_since", 2)]
    [InlineData("?limit=0", 0)]
    // The limit is checked before each target, so the first target's entries all come, as in Prometheus.
    [InlineData("?limit=1", 2)]
    [InlineData("?limit=3", 4)]
    public async Task Target_metadata_filters_and_limits_like_PrometheusAsync(string query, int entries)
    {
        using var doc = JsonDocument.Parse(await OkAsync("/api/v1/targets/metadata" + query));
        Assert.Equal(entries, doc.RootElement.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Metadata_endpoints_answer_GET_only_as_in_PrometheusAsync()
    {
        using var empty = new FormUrlEncodedContent([]);
        var response = await _host!.Client.PostAsync(new Uri("/api/v1/metadata", UriKind.Relative), empty);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
