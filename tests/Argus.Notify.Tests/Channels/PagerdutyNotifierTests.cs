using System.Text.Json.Nodes;

namespace Argus.Notify.Tests.Channels;

/// <summary>PagerDuty Events API v2 and v1 against a loopback server: exact bodies as Alertmanager sends them.</summary>
public sealed class PagerdutyNotifierTests
{
    /// <summary>SHA-256 of the test group key <c>{}:{alertname="HighLatency", job="api"}</c>.</summary>
    internal const string GroupKeyHash = "6c5c230a0460c591ea66e327fe402b43780c90268ce5840cd1e8717c35da4069";

    private const string Subject = "[FIRING:2] HighLatency api (page)";
    private const string AlertsLink = "http://am.example:9093/#/alerts?receiver=team";

    private static string V2Config(LoopbackHttpServer server) =>
        $"  pagerduty_configs:\n  - routing_key: rk-1\n    url: {server.Url("v2/enqueue")}\n" +
        "    severity: '{{ .CommonLabels.severity }}'\n    class: latency\n    component: '{{ .GroupLabels.job }}'\n    group: prod\n" +
        "    details:\n      firing: '{{ .Alerts.Firing | len }} firing'\n      resolved: ''\n      num_firing: '{{ .Alerts.Firing | len }}'\n" +
        "      num_resolved: '{{ .Alerts.Resolved | len }}'\n      owner: {team: '{{ .CommonLabels.job }}', tags: [a, 'b & c']}\n" +
        "    images: [{src: 'http://img/{{ .GroupLabels.alertname }}.png', alt: graph, href: 'http://grafana/'}, {src: ''}]\n" +
        "    links: [{href: 'http://runbook/{{ .GroupLabels.alertname }}', text: Runbook}]\n";

    [Fact]
    public async Task A_firing_group_triggers_a_v2_event_deduplicated_on_the_group_key_hash()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"" + GroupKeyHash + "\"}");
        await TestNotifications.NotifyAsync(V2Config(server));

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/enqueue", request.PathAndQuery);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(
            "{\"routing_key\":\"rk-1\",\"dedup_key\":\"" + GroupKeyHash + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"" + Subject + "\"," +
            "\"source\":\"Alertmanager\",\"severity\":\"page\",\"class\":\"latency\",\"component\":\"api\",\"group\":\"prod\",\"custom_details\":" +
            "{\"firing\":\"2 firing\",\"num_firing\":2,\"num_resolved\":0,\"owner\":{\"tags\":[\"a\",\"b \\u0026 c\"],\"team\":\"api\"},\"resolved\":null}}," +
            "\"client\":\"Alertmanager\",\"client_url\":\"" + AlertsLink + "\"," +
            "\"images\":[{\"src\":\"http://img/HighLatency.png\",\"alt\":\"graph\",\"href\":\"http://grafana/\"}]," +
            "\"links\":[{\"href\":\"http://runbook/HighLatency\",\"text\":\"Runbook\"}]}\n",
            request.Body);
    }

    [Fact]
    public async Task A_resolved_group_resolves_the_same_event()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (202, "{}");
        await TestNotifications.NotifyAsync(V2Config(server), TestNotifications.ResolvedRequest());

        var body = JsonNode.Parse(Assert.Single(server.Requests).Body)!;
        Assert.Equal("resolve", body["event_action"]!.GetValue<string>());
        Assert.Equal(GroupKeyHash, body["dedup_key"]!.GetValue<string>());
        Assert.Equal("[RESOLVED] HighLatency api (page)", body["payload"]!["summary"]!.GetValue<string>());
        Assert.Equal(0, body["payload"]!["custom_details"]!["num_firing"]!.GetValue<int>());
        Assert.Equal(2, body["payload"]!["custom_details"]!["num_resolved"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_default_details_are_the_alerts_as_json_and_their_counts()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (202, "{}");
        await TestNotifications.NotifyAsync($"  pagerduty_configs:\n  - routing_key: rk\n    url: {server.Url("enqueue")}\n", TestNotifications.Request(secondResolved: true));

        var body = JsonNode.Parse(Assert.Single(server.Requests).Body)!;
        Assert.Equal("error", body["payload"]!["severity"]!.GetValue<string>());
        var details = body["payload"]!["custom_details"]!.AsObject();
        Assert.Equal(["firing", "num_firing", "num_resolved", "resolved"], details.Select(d => d.Key));
        var firing = Assert.Single(details["firing"]!.AsArray())!;
        Assert.Equal("10.0.0.1:9100", firing["labels"]!["instance"]!.GetValue<string>());
        Assert.Equal("5829969394cdc520", firing["fingerprint"]!.GetValue<string>());
        Assert.Equal("resolved", Assert.Single(details["resolved"]!.AsArray())!["status"]!.GetValue<string>());
        Assert.Equal(1, details["num_firing"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_service_key_sends_a_v1_event_with_client_only_when_triggering()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "{\"status\":\"success\"}");
        var config = $"  pagerduty_configs:\n  - service_key: sk-1\n    url: {server.Url("generic/2010-04-15/create_event.json")}\n" +
            "    details: {firing: f, resolved: r, num_firing: '{{ len .Alerts.Firing }}', num_resolved: '0'}\n";
        await TestNotifications.NotifyAsync(config);
        await TestNotifications.NotifyAsync(config, TestNotifications.ResolvedRequest());

        var requests = server.Requests;
        Assert.All(requests, r => Assert.Equal("/generic/2010-04-15/create_event.json", r.PathAndQuery));
        Assert.Equal(
            "{\"service_key\":\"sk-1\",\"incident_key\":\"" + GroupKeyHash + "\",\"event_type\":\"trigger\",\"description\":\"" + Subject + "\"," +
            "\"event_action\":\"\",\"payload\":null,\"client\":\"Alertmanager\",\"client_url\":\"" + AlertsLink + "\"," +
            "\"details\":{\"firing\":\"f\",\"num_firing\":2,\"num_resolved\":0,\"resolved\":\"r\"}}\n",
            requests[0].Body);
        Assert.Equal(
            "{\"service_key\":\"sk-1\",\"incident_key\":\"" + GroupKeyHash + "\",\"event_type\":\"resolve\",\"description\":\"[RESOLVED] HighLatency api (page)\"," +
            "\"event_action\":\"\",\"payload\":null,\"details\":{\"firing\":\"f\",\"num_firing\":0,\"num_resolved\":0,\"resolved\":\"r\"}}\n",
            requests[1].Body);
    }

    [Theory]
    [InlineData("routing_key: rk", 429, true)]
    [InlineData("routing_key: rk", 503, true)]
    [InlineData("routing_key: rk", 400, false)]
    [InlineData("routing_key: rk", 403, false)]
    [InlineData("service_key: sk", 403, true)]
    [InlineData("service_key: sk", 429, false)]
    public async Task Retries_follow_the_api_version(string key, int status, bool retryable)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (status, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"'routing_key' is invalid\"]}");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync($"  pagerduty_configs:\n  - {key}\n    url: {server.Url("e")}\n"));
        Assert.Equal(retryable, error.Retryable);
        Assert.Contains($"unexpected status code {status}", error.Message, StringComparison.Ordinal);
        if (status == 400)
        {
            Assert.Contains("Event object is invalid: 'routing_key' is invalid", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_event_over_512_kB_loses_its_custom_details_and_a_long_summary_is_cut()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (202, "{}");
        var huge = new string('x', 520_000);
        await TestNotifications.NotifyAsync(
            $"  pagerduty_configs:\n  - routing_key: rk\n    url: {server.Url("e")}\n    description: '{new string('d', 1100)}'\n    details: {{big: {huge}}}\n");

        var body = JsonNode.Parse(Assert.Single(server.Requests).Body)!;
        Assert.Equal(
            "{\"error\":\"Custom details have been removed because the original event exceeds the maximum size of 512KB\"}",
            body["payload"]!["custom_details"]!.ToJsonString());
        Assert.Equal(new string('d', 1023) + "…", body["payload"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_routing_key_may_come_from_a_file_read_at_send_time()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (202, "{}");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "rk-from-file\n");
            await TestNotifications.NotifyAsync($"  pagerduty_configs:\n  - routing_key_file: {file}\n    url: {server.Url("e")}\n");
            Assert.Equal("rk-from-file", JsonNode.Parse(Assert.Single(server.Requests).Body)!["routing_key"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
