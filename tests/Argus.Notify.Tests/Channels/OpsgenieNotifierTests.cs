namespace Argus.Notify.Tests.Channels;

/// <summary>Opsgenie's Alert API v2 against a loopback server: create, update and close by alias.</summary>
public sealed class OpsgenieNotifierTests
{
    private const string Hash = PagerdutyNotifierTests.GroupKeyHash;
    private const string Subject = "[FIRING:2] HighLatency api (page)";
    private const string AlertsLink = "http://am.example:9093/#/alerts?receiver=team";

    private static string Config(LoopbackHttpServer server) =>
        $"  opsgenie_configs:\n  - api_key: key-1\n    api_url: {server.BaseUrl.ToString().TrimEnd('/')}\n" +
        "    description: 'Latency {{ .CommonLabels.severity }}'\n" +
        "    details: {runbook: 'http://runbook/{{ .GroupLabels.alertname }}', severity: overridden}\n" +
        "    responders:\n    - {name: 'ops,db', type: teams}\n    - {id: '{{ .CommonLabels.nosuch }}', type: '{{ .CommonLabels.nosuch }}'}\n" +
        "    - {username: alice@example.com, type: user}\n" +
        "    tags: 'prod, api,,'\n    note: n\n    priority: P2\n    entity: '{{ .GroupLabels.job }}'\n    actions: 'restart,page'\n    update_alerts: true\n";

    [Fact]
    public async Task A_firing_group_creates_the_alert_by_alias_and_updates_its_message_and_description()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (202, "{\"result\":\"Request will be processed\",\"took\":0.1,\"requestId\":\"r\"}");
        await TestNotifications.NotifyAsync(Config(server));

        var requests = server.Requests;
        Assert.Equal(["POST /v2/alerts", $"PUT /v2/alerts/{Hash}/message?identifierType=alias", $"PUT /v2/alerts/{Hash}/description?identifierType=alias"],
            requests.Select(r => r.Method + " " + r.PathAndQuery));
        Assert.All(requests, r => Assert.Equal("GenieKey key-1", r.Header("Authorization")));
        Assert.All(requests, r => Assert.StartsWith("application/json", r.Header("Content-Type"), StringComparison.Ordinal));
        Assert.Equal(
            "{\"alias\":\"" + Hash + "\",\"message\":\"" + Subject + "\",\"description\":\"Latency page\"," +
            "\"details\":{\"alertname\":\"HighLatency\",\"job\":\"api\",\"runbook\":\"http://runbook/HighLatency\",\"severity\":\"overridden\"}," +
            "\"source\":\"" + AlertsLink + "\",\"responders\":[{\"name\":\"ops\",\"type\":\"team\"},{\"name\":\"db\",\"type\":\"team\"}," +
            "{\"username\":\"alice@example.com\",\"type\":\"user\"}],\"tags\":[\"prod\",\" api\"],\"note\":\"n\",\"priority\":\"P2\",\"entity\":\"api\"," +
            "\"actions\":[\"restart\",\"page\"]}\n",
            requests[0].Body);
        Assert.Equal("{\"message\":\"" + Subject + "\"}\n", requests[1].Body);
        Assert.Equal("{\"description\":\"Latency page\"}\n", requests[2].Body);
    }

    [Fact]
    public async Task A_resolved_group_closes_the_alert_by_alias()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (202, "{}");
        await TestNotifications.NotifyAsync(Config(server), TestNotifications.ResolvedRequest());

        var request = Assert.Single(server.Requests);
        Assert.Equal($"POST /v2/alerts/{Hash}/close?identifierType=alias", request.Method + " " + request.PathAndQuery);
        Assert.Equal("{\"source\":\"" + AlertsLink + "\"}\n", request.Body);
    }

    [Fact]
    public async Task The_default_message_is_cut_at_130_runes_and_the_description_lists_the_alerts()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (202, "{}");
        await TestNotifications.NotifyAsync(
            $"  opsgenie_configs:\n  - api_key: k\n    api_url: {server.BaseUrl}\n    message: '{new string('m', 140)}'\n");

        var body = System.Text.Json.Nodes.JsonNode.Parse(Assert.Single(server.Requests).Body)!;
        Assert.Equal(new string('m', 129) + "…", body["message"]!.GetValue<string>());
        Assert.StartsWith("\nAlerts Firing:\nLabels:\n - alertname = HighLatency\n", body["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(422, false)]
    public async Task Rate_limits_and_server_errors_are_retried(int status, bool retryable)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (status, "{\"message\":\"no\"}");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync($"  opsgenie_configs:\n  - api_key: k\n    api_url: {server.BaseUrl}\n"));
        Assert.Equal(retryable, error.Retryable);
    }
}
