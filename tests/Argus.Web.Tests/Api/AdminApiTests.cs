using System.Net;
using System.Text.Json;
using Argus.Model.Labels;
using Argus.Storage;
using Argus.Tsdb;
using Argus.Web.Api.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Argus.Web.Tests.Api;

public sealed class AdminApiTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "argus-admin-" + Guid.NewGuid().ToString("N"));
    private readonly TsdbStorage _storage;

    public AdminApiTests()
    {
        _storage = TsdbStorage.Open(new TsdbOptions { Dir = _dir, CompactionInterval = TimeSpan.FromHours(1) });
        var appender = _storage.CreateAppender();
        foreach (var (job, instances) in new[] { ("api", 3), ("web", 1) })
        {
            for (var i = 0; i < instances; i++)
            {
                var series = SeriesRef.None;
                var labels = LabelSet.FromPairs("__name__", "up", "job", job, "instance", "host" + i);
                for (var t = 1000L; t <= 10_000; t += 1000)
                {
                    Assert.Equal(AppendStatus.Ok, appender.Append(ref series, labels, t, 1));
                }
            }
        }
        appender.Commit();
    }

    public void Dispose()
    {
        _storage.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<(WebApplication App, HttpClient Client)> StartAsync(bool adminEnabled)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        new AdminApi(() => _storage, _dir, adminEnabled, new FixedTime(Now)).Map(app);
        await app.StartAsync();
        return (app, app.GetTestClient());
    }

    private long CountSamples(string job)
    {
        using var querier = _storage.CreateQuerier(long.MinValue, long.MaxValue);
        var set = querier.Select(false, null, [new LabelMatcher(Argus.Model.Labels.MatchType.Equal, "job", job)]);
        long count = 0;
        while (set.MoveNext())
        {
            var iterator = set.Current.Iterator(null);
            while (iterator.Next() != SampleKind.None)
            {
                count++;
            }
        }
        return count;
    }

    [Theory]
    [InlineData("/api/v1/admin/tsdb/snapshot")]
    [InlineData("/api/v1/admin/tsdb/delete_series?match[]=up")]
    [InlineData("/api/v1/admin/tsdb/clean_tombstones")]
    public async Task Admin_endpoints_refuse_when_the_admin_api_is_disabled(string url)
    {
        var (app, client) = await StartAsync(adminEnabled: false);
        await using (app)
        {
            var response = await client.PostAsync(url, null);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"admin APIs disabled\"}",
                await response.Content.ReadAsStringAsync());
            Assert.Equal(40, CountSamples("api") + CountSamples("web"));
        }
    }

    [Fact]
    public async Task Snapshot_is_named_after_the_time_and_opens_with_the_same_data()
    {
        var (app, client) = await StartAsync(adminEnabled: true);
        await using (app)
        {
            var response = await client.PostAsync("/api/v1/admin/tsdb/snapshot", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("success", doc.RootElement.GetProperty("status").GetString());
            var name = doc.RootElement.GetProperty("data").GetProperty("name").GetString()!;
            Assert.Matches("^20260101T000000Z-[0-9a-f]{16}$", name);
            using var copy = TsdbStorage.Open(new TsdbOptions { Dir = Path.Combine(_dir, "snapshots", name) });
            using var querier = copy.CreateQuerier(long.MinValue, long.MaxValue);
            var set = querier.Select(false, null, [new LabelMatcher(Argus.Model.Labels.MatchType.Equal, "__name__", "up")]);
            var series = 0;
            while (set.MoveNext())
            {
                series++;
            }
            Assert.Equal(4, series);
        }
    }

    [Fact]
    public async Task Snapshot_rejects_a_skip_head_that_is_not_a_boolean()
    {
        var (app, client) = await StartAsync(adminEnabled: true);
        await using (app)
        {
            var response = await client.PostAsync("/api/v1/admin/tsdb/snapshot?skip_head=maybe", null);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("unable to parse boolean 'skip_head' argument", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Snapshot_with_skip_head_leaves_out_the_head()
    {
        var (app, client) = await StartAsync(adminEnabled: true);
        await using (app)
        {
            var response = await client.PostAsync("/api/v1/admin/tsdb/snapshot?skip_head=true", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var dir = Path.Combine(_dir, "snapshots", doc.RootElement.GetProperty("data").GetProperty("name").GetString()!);
            Assert.True(Directory.Exists(dir));
            Assert.False(Directory.Exists(Path.Combine(dir, "wal")));
        }
    }

    [Fact]
    public async Task Delete_series_hides_the_matching_samples_and_clean_tombstones_keeps_them_gone()
    {
        var (app, client) = await StartAsync(adminEnabled: true);
        await using (app)
        {
            var response = await client.PutAsync("/api/v1/admin/tsdb/delete_series?match[]=up{job=\"api\"}&start=0.001&end=5", null);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal(3 * 5, CountSamples("api"));
            Assert.Equal(10, CountSamples("web"));

            response = await client.PostAsync("/api/v1/admin/tsdb/clean_tombstones", null);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal(3 * 5, CountSamples("api"));
            Assert.Equal(10, CountSamples("web"));
        }
    }

    [Theory]
    [InlineData("/api/v1/admin/tsdb/delete_series", "no match[] parameter provided")]
    [InlineData("/api/v1/admin/tsdb/delete_series?match[]=up{", "invalid parameter \\\"match[]\\\"")]
    [InlineData("/api/v1/admin/tsdb/delete_series?match[]=up&start=yesterday", "invalid parameter \\\"start\\\"")]
    public async Task Delete_series_reports_bad_parameters(string url, string expected)
    {
        var (app, client) = await StartAsync(adminEnabled: true);
        await using (app)
        {
            var response = await client.PostAsync(url, null);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("\"errorType\":\"bad_data\"", body);
            Assert.Contains(expected, body);
            Assert.Equal(40, CountSamples("api") + CountSamples("web"));
        }
    }

    [Fact]
    public async Task Status_tsdb_reports_head_stats_and_cardinality_even_without_the_admin_api()
    {
        var (app, client) = await StartAsync(adminEnabled: false);
        await using (app)
        {
            var response = await client.GetAsync("/api/v1/status/tsdb?limit=2");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var data = doc.RootElement.GetProperty("data");
            var head = data.GetProperty("headStats");
            Assert.Equal(4, head.GetProperty("numSeries").GetInt64());
            Assert.Equal(1000, head.GetProperty("minTime").GetInt64());
            Assert.Equal(10_000, head.GetProperty("maxTime").GetInt64());
            Assert.True(head.GetProperty("chunkCount").GetInt64() >= 4);
            // __name__=up, job=api, job=web, instance=host0..2.
            Assert.Equal(6, head.GetProperty("numLabelPairs").GetInt64());
            var byName = data.GetProperty("seriesCountByMetricName");
            Assert.Equal("[{\"name\":\"up\",\"value\":4}]", byName.GetRawText());
            var pairs = data.GetProperty("seriesCountByLabelValuePair");
            Assert.Equal(2, pairs.GetArrayLength());
            Assert.Equal("__name__=up", pairs[0].GetProperty("name").GetString());
            Assert.Equal(4, pairs[0].GetProperty("value").GetInt64());
            Assert.Equal("job=api", pairs[1].GetProperty("name").GetString());
            var values = data.GetProperty("labelValueCountByLabelName");
            Assert.Equal("instance", values[0].GetProperty("name").GetString());
            Assert.Equal(3, values[0].GetProperty("value").GetInt64());
            Assert.Equal(2, data.GetProperty("memoryInBytesByLabelName").GetArrayLength());
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("ten")]
    public async Task Status_tsdb_rejects_a_limit_that_is_not_positive(string limit)
    {
        var (app, client) = await StartAsync(adminEnabled: false);
        await using (app)
        {
            var response = await client.GetAsync("/api/v1/status/tsdb?limit=" + limit);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"limit must be a positive number\"}",
                await response.Content.ReadAsStringAsync());
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
