using System.Diagnostics;
using System.Net;
using Argus.PromQL.Engine;
using Argus.Storage.InMemory;
using Argus.Web.Api.V1;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Argus.Web.Tests.Api;

public sealed class PrometheusApiLimitsTests : IAsyncLifetime
{
    private readonly BlockingStorage _storage = new(new InMemoryStorage());
    private ApiTestHost? _host;
    private PrometheusApi? _api;

    public async Task InitializeAsync()
    {
        _api = new PrometheusApi(_storage, new PromqlEngine(), new PrometheusApiSources { MaxConcurrentQueries = 1 });
        _host = await ApiTestHost.StartAsync(_api.Map);
    }

    public async Task DisposeAsync()
    {
        _storage.Release(100);
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private Task<HttpResponseMessage> GetAsync(string url, CancellationToken cancellationToken = default) =>
        _host!.Client.GetAsync(new Uri(url, UriKind.Relative), cancellationToken);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "condition not reached in 10 s");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task A_query_beyond_max_concurrency_waits_and_times_out_in_the_queueAsync()
    {
        var first = GetAsync("/api/v1/query?query=up&time=10");
        await WaitUntilAsync(() => _storage.Queriers == 1);
        Assert.Equal(1, _api!.RunningQueries);

        var queued = await GetAsync("/api/v1/query?query=up&time=10&timeout=200ms");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, queued.StatusCode);
        Assert.Equal("{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in query queue\"}", await queued.Content.ReadAsStringAsync());
        Assert.Equal(1, _storage.Queriers);

        _storage.Release(1);
        var response = await first;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, _api.RunningQueries);
    }

    /// <summary>Sends a request whose RequestAborted is <paramref name="aborted"/>, as if the client disconnected when it fires.</summary>
    private Task<HttpContext> SendAbortableAsync(string query, CancellationToken aborted) =>
        _host!.App.GetTestServer().SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = "/api/v1/query";
            context.Request.QueryString = new QueryString(query);
            context.RequestAborted = aborted;
        });

    /// <summary>Waits for an aborted request to end; TestServer reports the abort as a cancellation.</summary>
    private static async Task EndsWithinAsync(Task<HttpContext> request)
    {
        try
        {
            await request.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }
    }

    [Fact]
    public async Task A_client_that_disconnects_frees_its_slot_and_never_runs_if_still_queuedAsync()
    {
        using var firstAbort = new CancellationTokenSource();
        var first = SendAbortableAsync("?query=up&time=10", firstAbort.Token);
        await WaitUntilAsync(() => _storage.Queriers == 1);
        using var queuedAbort = new CancellationTokenSource();
        var queued = SendAbortableAsync("?query=up&time=10", queuedAbort.Token);
        await Task.Delay(100);
        Assert.False(queued.IsCompleted);

        queuedAbort.Cancel();
        await EndsWithinAsync(queued);
        firstAbort.Cancel();
        _storage.Release(1);
        await EndsWithinAsync(first);
        Assert.Equal(0, _api!.RunningQueries);
        Assert.Equal(1, _storage.Queriers);

        // The slot is free again: a new query runs.
        _storage.Release(1);
        var next = await GetAsync("/api/v1/query?query=up&time=10");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}", await next.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_huge_range_with_a_tiny_step_is_refused_before_evaluationAsync()
    {
        var response = await GetAsync("/api/v1/query_range?query=up&start=0&end=100000000&step=0.001");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exceeded maximum resolution of 11,000 points per timeseries", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _storage.Queriers);
    }

    [Fact]
    public async Task A_deeply_nested_query_is_refused_with_a_clear_errorAsync()
    {
        var query = new string('(', 100_000) + "1" + new string(')', 100_000);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["query"] = query, ["time"] = "10" });
        var response = await _host!.Client.PostAsync(new Uri("/api/v1/query", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": expression nests deeper than 256 levels at position 256\"}",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Brackets_inside_strings_do_not_count_as_nesting()
    {
        QueryNesting.Check("label_replace(up, \"a\", \"" + new string('(', 1000) + "\", \"b\", \"\\\"(((\")");
        Assert.Throws<ApiError>(() => QueryNesting.Check(string.Concat(Enumerable.Repeat("sum(", 300))));
    }

    [Fact]
    public async Task A_giant_regex_gets_a_bounded_answer_and_the_server_keeps_workingAsync()
    {
        _storage.Release(2);
        var regex = Uri.EscapeDataString("up{job=~\"" + string.Concat(Enumerable.Repeat("(a|b|c)*x{1,1000}", 200)) + "\"}");
        var watch = Stopwatch.StartNew();
        var response = await GetAsync("/api/v1/query?time=10&query=" + regex);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid regular expression: ", body, StringComparison.Ordinal);
        Assert.Contains("larger than the configured limit", body, StringComparison.Ordinal);
        var after = await GetAsync("/api/v1/query?query=1&time=10");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
