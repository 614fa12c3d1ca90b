using System.Text.Json.Nodes;

namespace Argus.Notify.Tests.Channels;

/// <summary>Splunk On-Call (VictorOps) REST endpoint against a loopback server.</summary>
public sealed class VictoropsNotifierTests
{
    private const string Hash = PagerdutyNotifierTests.GroupKeyHash;

    private static string Config(LoopbackHttpServer server, string messageType = "WARNING") =>
        $"  victorops_configs:\n  - api_key: vk-1\n    api_url: {server.Url("integrations/generic/20131114/alert/")}\n" +
        $"    routing_key: '{{{{ .GroupLabels.job }}}}-team'\n    message_type: {messageType}\n    state_message: 'Latency {{{{ .Status }}}}'\n" +
        "    custom_fields: {runbook: 'http://runbook/{{ .GroupLabels.alertname }}'}\n";

    [Fact]
    public async Task The_key_and_routing_key_are_in_the_path_and_the_entity_follows_the_group()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "{\"result\":\"success\",\"entity_id\":\"x\"}");
        await TestNotifications.NotifyAsync(Config(server));

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /integrations/generic/20131114/alert/vk-1/api-team", request.Method + " " + request.PathAndQuery);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(
            "{\"entity_display_name\":\"[FIRING:2] HighLatency api (page)\",\"entity_id\":\"" + Hash + "\",\"message_type\":\"WARNING\"," +
            "\"monitoring_tool\":\"Alertmanager\",\"runbook\":\"http://runbook/HighLatency\",\"state_message\":\"Latency firing\"}\n",
            request.Body);
    }

    [Fact]
    public async Task Resolved_groups_recover_and_unknown_firing_types_become_critical()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "{}");
        await TestNotifications.NotifyAsync(Config(server), TestNotifications.ResolvedRequest());
        await TestNotifications.NotifyAsync(Config(server, messageType: "'{{ .CommonLabels.severity }}'"));

        var types = server.Requests.Select(r => JsonNode.Parse(r.Body)!["message_type"]!.GetValue<string>());
        Assert.Equal(["RECOVERY", "CRITICAL"], types);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(429, false)]
    [InlineData(400, false)]
    public async Task Only_server_errors_are_retried_and_errors_do_not_reveal_the_key(int status, bool retryable)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (status, "{\"result\":\"failure\",\"message\":\"bad\"}");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync(Config(server)));
        Assert.Equal(retryable, error.Retryable);
        Assert.DoesNotContain("vk-1", error.Message, StringComparison.Ordinal);
    }
}
