using System.Net;
using System.Text.Json;
using Argus.Model.Histograms;
using Argus.Model.Labels;
using Argus.PromQL.Engine;
using Argus.Storage;
using Argus.Storage.InMemory;
using Argus.Web.Api.V1;

namespace Argus.Web.Tests.Api;

public sealed class PrometheusApiHistogramTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private readonly InMemoryStorage _storage = new();
    private ApiTestHost? _host;

    public async Task InitializeAsync()
    {
        var appender = _storage.CreateAppender();
        var series = SeriesRef.None;
        var histogram = HistogramNotation.Parse("{{schema:0 count:4 sum:5 z_bucket:1 z_bucket_w:0.001 buckets:[2 0] offset:1 n_buckets:[1]}}");
        foreach (var ago in new[] { 60_000L, 1000 })
        {
            Assert.Equal(AppendStatus.Ok, appender.AppendHistogram(ref series, LabelSet.FromPairs("__name__", "h"), Now.ToUnixTimeMilliseconds() - ago, histogram));
        }
        appender.Commit();
        var api = new PrometheusApi(_storage, new PromqlEngine(), new PrometheusApiSources());
        _host = await ApiTestHost.StartAsync(api.Map);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_instant_histogram_is_written_with_its_non_empty_buckets_and_boundary_rulesAsync()
    {
        var (status, body) = await _host!.GetAsync("/api/v1/query?query=h&time=1700000000");

        Assert.Equal(HttpStatusCode.OK, status);
        // Negative bucket [-1,-0.5) is open right (1), the zero bucket closed (3), (1,2] open left (0);
        // the empty bucket (2,4] is left out.
        Assert.Equal(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":\"h\"},\"histogram\":[1700000000,{\"count\":\"4\",\"sum\":\"5\",\"buckets\":[[1,\"-1\",\"-0.5\",\"1\"],[3,\"-0.001\",\"0.001\",\"1\"],[0,\"1\",\"2\",\"2\"]]}]}]}}",
            body);
    }

    [Fact]
    public async Task A_range_of_histograms_is_written_under_histograms_without_an_empty_values_keyAsync()
    {
        var (status, body) = await _host!.GetAsync("/api/v1/query_range?query=h&start=1699999940&end=1700000000&step=30s");

        Assert.Equal(HttpStatusCode.OK, status);
        using var doc = JsonDocument.Parse(body);
        var series = doc.RootElement.GetProperty("data").GetProperty("result")[0];
        Assert.False(series.TryGetProperty("values", out _));
        var points = series.GetProperty("histograms");
        Assert.Equal([1699999940.0, 1699999970, 1700000000], points.EnumerateArray().Select(p => p[0].GetDouble()));
        Assert.All(points.EnumerateArray(), p => Assert.Equal("4", p[1].GetProperty("count").GetString()));
    }
}
