using System.Net;
using System.Text.Json;
using Argus.Model.Labels;
using Argus.PromQL.Engine;
using Argus.Storage;
using Argus.Storage.InMemory;
using Argus.Web.Api.V1;

namespace Argus.Web.Tests.Api;

public sealed class PrometheusApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private readonly InMemoryStorage _storage = new();
    private ApiTestHost? _host;

    public async Task InitializeAsync()
    {
        // Two counters scraped every 15 s for the last 10 minutes: api rises by 1/s, web by 2/s.
        var appender = _storage.CreateAppender();
        foreach (var (instance, rate) in new[] { ("api", 1.0), ("web", 2.0) })
        {
            var labels = LabelSet.FromPairs("__name__", "http_requests_total", "job", "demo", "instance", instance);
            var series = SeriesRef.None;
            for (var t = Now.ToUnixTimeMilliseconds() - 600_000; t <= Now.ToUnixTimeMilliseconds(); t += 15_000)
            {
                Assert.Equal(AppendStatus.Ok, appender.Append(ref series, labels, t, rate * ((t / 1000) - 1_699_000_000)));
            }
        }
        var up = SeriesRef.None;
        appender.Append(ref up, LabelSet.FromPairs("__name__", "up", "job", "demo", "note", "<&>"), Now.ToUnixTimeMilliseconds() - 1000, 1);
        appender.Commit();

        var api = new PrometheusApi(_storage, new PromqlEngine(), new PrometheusApiSources
        {
            Time = new FixedTime(Now),
            Flags = () => new Dictionary<string, string> { ["web.listen-address"] = ":9090", ["config.file"] = "x.yml" },
            ConfigYaml = () => "global:\n  scrape_interval: 15s\n",
            ExternalLabels = () => LabelSet.FromPairs("cluster", "eu"),
        });
        _host = await ApiTestHost.StartAsync(api.Map);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private Task<(HttpStatusCode Status, string Body)> GetAsync(string url) => _host!.GetAsync(url);

    [Fact]
    public async Task An_instant_query_answers_a_vector_in_Prometheus_JSONAsync()
    {
        var (status, body) = await GetAsync("/api/v1/query?query=up&time=1700000000");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":\"up\",\"job\":\"demo\",\"note\":\"\\u003c\\u0026\\u003e\"},\"value\":[1700000000,\"1\"]}]}}",
            body);
    }

    [Fact]
    public async Task A_form_POST_query_is_answered_like_a_GETAsync()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["query"] = "sum(rate(http_requests_total[5m]))", ["time"] = "2023-11-14T22:13:20Z" });
        var response = await _host!.Client.PostAsync(new Uri("/api/v1/query", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(body);
        var value = doc.RootElement.GetProperty("data").GetProperty("result")[0].GetProperty("value");
        Assert.Equal(1700000000, value[0].GetDouble());
        Assert.Equal(3.0, double.Parse(value[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture), 6);
    }

    [Fact]
    public async Task A_range_query_answers_a_matrix_with_one_point_per_stepAsync()
    {
        var (status, body) = await GetAsync("/api/v1/query_range?query=http_requests_total%7Binstance%3D%22api%22%7D&start=1699999940&end=1700000000&step=30s");
        Assert.Equal(HttpStatusCode.OK, status);
        using var doc = JsonDocument.Parse(body);
        var result = doc.RootElement.GetProperty("data");
        Assert.Equal("matrix", result.GetProperty("resultType").GetString());
        var values = result.GetProperty("result")[0].GetProperty("values");
        Assert.Equal(3, values.GetArrayLength());
        Assert.Equal("[1699999940,\"999940\"]", values[0].GetRawText());
    }

    [Theory]
    [InlineData("/api/v1/query?query=sum(", "bad_data")]
    [InlineData("/api/v1/query?query=up&time=yesterday", "bad_data")]
    [InlineData("/api/v1/query_range?query=up&start=2&end=1&step=1", "bad_data")]
    [InlineData("/api/v1/query_range?query=up&start=1&end=2&step=0", "bad_data")]
    [InlineData("/api/v1/query_range?query=up&start=0&end=100000&step=1", "bad_data")]
    [InlineData("/api/v1/series", "bad_data")]
    [InlineData("/api/v1/series?match[]=%7Bjob%3D~%22.*%22%7D", "bad_data")]
    public async Task Bad_requests_get_a_400_with_Prometheus_error_shapeAsync(string url, string errorType)
    {
        var (status, body) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal("error", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal(errorType, doc.RootElement.GetProperty("errorType").GetString());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Series_labels_and_values_list_what_is_storedAsync()
    {
        var (_, series) = await GetAsync("/api/v1/series?match[]=http_requests_total");
        Assert.Equal(
            "{\"status\":\"success\",\"data\":[{\"__name__\":\"http_requests_total\",\"instance\":\"api\",\"job\":\"demo\"},{\"__name__\":\"http_requests_total\",\"instance\":\"web\",\"job\":\"demo\"}]}",
            series);
        var (_, labels) = await GetAsync("/api/v1/labels");
        Assert.Equal("{\"status\":\"success\",\"data\":[\"__name__\",\"instance\",\"job\",\"note\"]}", labels);
        var (_, values) = await GetAsync("/api/v1/label/__name__/values");
        Assert.Equal("{\"status\":\"success\",\"data\":[\"http_requests_total\",\"up\"]}", values);
        var (_, limited) = await GetAsync("/api/v1/label/instance/values?limit=1");
        Assert.Equal("{\"status\":\"success\",\"data\":[\"api\"],\"warnings\":[\"results truncated due to limit\"]}", limited);
    }

    [Fact]
    public async Task Format_query_prints_the_canonical_formAsync()
    {
        var (_, body) = await GetAsync("/api/v1/format_query?query=sum%20by(job)(rate(x%5B5m%5D))");
        Assert.Equal("{\"status\":\"success\",\"data\":\"sum by (job) (rate(x[5m]))\"}", body);
    }

    [Fact]
    public async Task Status_endpoints_show_flags_and_configAsync()
    {
        var (_, flags) = await GetAsync("/api/v1/status/flags");
        Assert.Equal("{\"status\":\"success\",\"data\":{\"config.file\":\"x.yml\",\"web.listen-address\":\":9090\"}}", flags);
        var (_, config) = await GetAsync("/api/v1/status/config");
        Assert.Equal("{\"status\":\"success\",\"data\":{\"yaml\":\"global:\\n  scrape_interval: 15s\\n\"}}", config);
        var (_, build) = await GetAsync("/api/v1/status/buildinfo");
        Assert.Contains("\"goVersion\":\".NET", build, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Federation_exports_the_newest_samples_with_external_labelsAsync()
    {
        var (status, body) = await GetAsync("/federate?match[]=up");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("# TYPE up untyped\nup{cluster=\"eu\",job=\"demo\",note=\"<&>\"} 1 1699999999000\n", body);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
