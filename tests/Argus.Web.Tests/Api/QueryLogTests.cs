using System.Net;
using System.Text.Json;
using Argus.PromQL.Engine;
using Argus.Storage.InMemory;
using Argus.Web.Api.V1;

namespace Argus.Web.Tests.Api;

public sealed class QueryLogTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"argus-query-log-{Guid.NewGuid():N}.json");
    private ApiTestHost? _host;

    public async Task InitializeAsync()
    {
        _host = await ApiTestHost.StartAsync(new PrometheusApi(new InMemoryStorage(), new PromqlEngine(), new PrometheusApiSources { QueryLogFile = () => _path }).Map);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        File.Delete(_path);
    }

    [Fact]
    public async Task Each_evaluated_query_appends_one_json_line_with_its_parameters_and_timingsAsync()
    {
        var range = await _host!.Client.GetAsync(new Uri("/api/v1/query_range?query=vector(1)&start=1700000000&end=1700000060&step=15", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, range.StatusCode);
        var instant = await _host.Client.GetAsync(new Uri("/api/v1/query?query=up&time=1700000000.5", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, instant.StatusCode);

        var lines = await File.ReadAllLinesAsync(_path);
        Assert.Equal(2, lines.Length);
        Assert.Contains(
            "\"params\":{\"end\":\"2023-11-14T22:14:20Z\",\"query\":\"vector(1)\",\"start\":\"2023-11-14T22:13:20Z\",\"step\":15}",
            lines[0],
            StringComparison.Ordinal);
        Assert.Contains(
            "\"params\":{\"end\":\"2023-11-14T22:13:20.5Z\",\"query\":\"up\",\"start\":\"2023-11-14T22:13:20.5Z\",\"step\":0}",
            lines[1],
            StringComparison.Ordinal);
        using var entry = JsonDocument.Parse(lines[1]);
        var root = entry.RootElement;
        Assert.Equal("GET", root.GetProperty("httpRequest").GetProperty("method").GetString());
        Assert.Equal("/api/v1/query", root.GetProperty("httpRequest").GetProperty("path").GetString());
        var timings = root.GetProperty("stats").GetProperty("timings");
        Assert.True(timings.GetProperty("evalTotalTime").GetDouble() >= 0);
        Assert.True(timings.GetProperty("execTotalTime").GetDouble() >= timings.GetProperty("execQueueTime").GetDouble());
        Assert.True(root.GetProperty("ts").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void An_unwritable_log_is_counted_not_thrown()
    {
        var log = new QueryLog(() => Path.Combine(_path, "no-such-dir", "log.json"));
        log.Append(new QueryLogEntry("", "GET", "/api/v1/query", "up", 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, DateTimeOffset.UnixEpoch));
        Assert.Equal(1, log.Failures);
    }
}
