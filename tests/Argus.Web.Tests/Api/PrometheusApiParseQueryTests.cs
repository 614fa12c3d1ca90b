using System.Net;
using System.Text.Json;
using Argus.PromQL.Engine;
using Argus.Storage.InMemory;
using Argus.Web.Api.V1;

namespace Argus.Web.Tests.Api;

/// <summary>
/// <c>/api/v1/parse_query</c> against the tree Prometheus 3 documents for it (its <c>translateAST</c>): Go maps
/// written with sorted keys, selectors with the name matcher last, nulls for absent parts.
/// </summary>
public sealed class PrometheusApiParseQueryTests : IAsyncLifetime
{
    private ApiTestHost? _host;

    public async Task InitializeAsync()
    {
        var api = new PrometheusApi(new InMemoryStorage(), new PromqlEngine(), new PrometheusApiSources());
        _host = await ApiTestHost.StartAsync(api.Map);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private async Task<string> TreeAsync(string query)
    {
        var (status, body) = await _host!.GetAsync("/api/v1/parse_query?query=" + Uri.EscapeDataString(query));
        Assert.True(status == HttpStatusCode.OK, $"{query}: {status} {body}");
        const string Prefix = "{\"status\":\"success\",\"data\":";
        Assert.StartsWith(Prefix, body, StringComparison.Ordinal);
        return body[Prefix.Length..^1];
    }

    [Fact]
    public async Task An_aggregation_over_a_call_over_a_range_selector_has_Prometheus_shapeAsync()
    {
        Assert.Equal(
            "{\"expr\":{\"args\":[{\"matchers\":[{\"name\":\"code\",\"type\":\"=~\",\"value\":\"5..\"},{\"name\":\"__name__\",\"type\":\"=\",\"value\":\"http_requests_total\"}]," +
            "\"name\":\"http_requests_total\",\"offset\":60000,\"range\":300000,\"startOrEnd\":null,\"timestamp\":null,\"type\":\"matrixSelector\"}]," +
            "\"func\":{\"argTypes\":[\"matrix\"],\"name\":\"rate\",\"returnType\":\"vector\",\"variadic\":0},\"type\":\"call\"}," +
            "\"grouping\":[\"job\"],\"op\":\"sum\",\"param\":null,\"type\":\"aggregation\",\"without\":false}",
            await TreeAsync("sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m] offset 1m))"));
    }

    [Fact]
    public async Task A_vector_binary_expression_shows_its_matchingAsync()
    {
        Assert.Equal(
            "{\"bool\":false," +
            "\"lhs\":{\"matchers\":[{\"name\":\"__name__\",\"type\":\"=\",\"value\":\"a\"}],\"name\":\"a\",\"offset\":0,\"startOrEnd\":null,\"timestamp\":null,\"type\":\"vectorSelector\"}," +
            "\"matching\":{\"card\":\"many-to-one\",\"include\":[\"y\"],\"labels\":[\"x\"],\"on\":true},\"op\":\"/\"," +
            "\"rhs\":{\"matchers\":[{\"name\":\"__name__\",\"type\":\"=\",\"value\":\"b\"}],\"name\":\"b\",\"offset\":-300000,\"startOrEnd\":null,\"timestamp\":1000,\"type\":\"vectorSelector\"}," +
            "\"type\":\"binaryExpr\"}",
            await TreeAsync("a / on(x) group_left(y) b @ 1 offset -5m"));
    }

    /// <summary>Go's encoding/json escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>, so the operator is <c>\u003e</c>.</summary>
    [Fact]
    public async Task Scalar_operands_have_no_matching_and_literals_keep_their_textAsync()
    {
        Assert.Equal(
            "{\"bool\":true,\"lhs\":{\"type\":\"numberLiteral\",\"val\":\"1000000000000000000000\"},\"matching\":null,\"op\":\"\\u003e\"," +
            "\"rhs\":{\"expr\":{\"type\":\"numberLiteral\",\"val\":\"-0.5\"},\"type\":\"parenExpr\"},\"type\":\"binaryExpr\"}",
            await TreeAsync("1e21 > bool (-0.5)"));
    }

    [Fact]
    public async Task A_subquery_pinned_to_the_start_shows_range_step_and_startOrEndAsync()
    {
        Assert.Equal(
            "{\"args\":[{\"expr\":{\"matchers\":[{\"name\":\"__name__\",\"type\":\"=\",\"value\":\"up\"}],\"name\":\"up\",\"offset\":0,\"startOrEnd\":null,\"timestamp\":null,\"type\":\"vectorSelector\"}," +
            "\"offset\":120000,\"range\":600000,\"startOrEnd\":\"start\",\"step\":60000,\"timestamp\":null,\"type\":\"subquery\"}]," +
            "\"func\":{\"argTypes\":[\"matrix\"],\"name\":\"max_over_time\",\"returnType\":\"vector\",\"variadic\":0},\"type\":\"call\"}",
            await TreeAsync("max_over_time(up[10m:1m] @ start() offset 2m)"));
    }

    [Theory]
    [InlineData("+up", "$.op", "+")]
    [InlineData("topk(3, up)", "$.param.val", "3")]
    [InlineData("count_values(\"v\", up)", "$.param.val", "v")]
    [InlineData("sum without () (up)", "$.without", "True")]
    [InlineData("up and on() down", "$.matching.card", "many-to-many")]
    [InlineData("up + down", "$.matching.on", "False")]
    [InlineData("label_join(up, \"a\", \",\", \"b\", \"c\")", "$.func.variadic", "-1")]
    [InlineData("label_join(up, \"a\", \",\", \"b\", \"c\")", "$.args.4.val", "c")]
    [InlineData("round(up)", "$.func.argTypes.1", "scalar")]
    [InlineData("up @ end()", "$.startOrEnd", "end")]
    [InlineData("{\"my.metric\", a=\"b\"}", "$.name", "")]
    [InlineData("{\"my.metric\", a=\"b\"}", "$.matchers.0.value", "my.metric")]
    [InlineData("{a=\"b\", \"my.metric\"}", "$.matchers.1.name", "__name__")]
    [InlineData("\"text\"", "$.val", "text")]
    public async Task Each_node_kind_carries_its_fieldsAsync(string query, string path, string expected)
    {
        using var doc = JsonDocument.Parse(await TreeAsync(query));
        var node = doc.RootElement;
        foreach (var step in path.Split('.').Skip(1))
        {
            node = node.ValueKind == JsonValueKind.Array ? node[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)] : node.GetProperty(step);
        }
        Assert.Equal(expected, node.ValueKind == JsonValueKind.String ? node.GetString() : node.ToString());
    }

    [Fact]
    public async Task A_form_POST_is_answered_like_a_GETAsync()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["query"] = "up" });
        var response = await _host!.Client.PostAsync(new Uri("/api/v1/parse_query", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"success\",\"data\":" + await TreeAsync("up") + "}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/v1/parse_query?query=up%20%2B", "invalid parameter \"query\": 1:5: parse error: unexpected end of input")]
    [InlineData("/api/v1/format_query?query=up%20%2B", "invalid parameter \"query\": 1:5: parse error: unexpected end of input")]
    [InlineData("/api/v1/query?query=up%20%2B", "invalid parameter \"query\": 1:5: parse error: unexpected end of input")]
    [InlineData("/api/v1/parse_query?query=rate(up)", "invalid parameter \"query\": 1:6: parse error: expected type range vector in call to function \"rate\", got instant vector")]
    public async Task A_query_that_does_not_parse_is_bad_data_with_its_positionAsync(string url, string error)
    {
        var (status, body) = await _host!.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal("bad_data", doc.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(error, doc.RootElement.GetProperty("error").GetString());
    }
}
