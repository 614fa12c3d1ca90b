using System.Text;
using System.Text.Json.Nodes;
using Argus.Templates.Formatting;

namespace Argus.Notify.Tests.Channels;

/// <summary>Webex, Mattermost and Rocket.Chat against a loopback server: authentication, path and exact body.</summary>
public sealed class ChatChannelTests
{
    private const string Subject = "[FIRING:2] HighLatency api (page)";
    private const string AlertsLink = "http://am.example:9093/#/alerts?receiver=team";

    [Fact]
    public async Task Webex_posts_the_default_markdown_to_the_room_with_the_bot_token()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "{\"id\":\"m\"}");
        await TestNotifications.NotifyAsync(
            $"  webex_configs:\n  - api_url: {server.Url("v1/messages")}\n    room_id: 'room-{{{{ .GroupLabels.job }}}}'\n" +
            "    http_config: {authorization: {credentials: bot-token}}\n");

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /v1/messages", request.Method + " " + request.PathAndQuery);
        Assert.Equal("Bearer bot-token", request.Header("Authorization"));
        Assert.Equal("{\"markdown\":" + GoJson.Marshal("\n\nAlerts Firing:\n" + TestNotifications.AlertList + "\n\n\n") + ",\"roomId\":\"room-api\"}\n", request.Body);
    }

    [Fact]
    public async Task Webex_cuts_messages_at_7439_bytes_without_splitting_a_character()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "{}");
        await TestNotifications.NotifyAsync(
            $"  webex_configs:\n  - api_url: {server.Url("v1/messages")}\n    room_id: r\n    message: '{new string('é', 4000)}'\n" +
            "    http_config: {authorization: {credentials: t}}\n");

        var markdown = JsonNode.Parse(Assert.Single(server.Requests).Body)!["markdown"]!.GetValue<string>();
        Assert.Equal(new string('é', 3718) + "…", markdown);
        Assert.Equal(7439, Encoding.UTF8.GetByteCount(markdown));
    }

    [Fact]
    public async Task Mattermost_posts_text_attachments_props_and_a_checked_priority()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "ok");
        await TestNotifications.NotifyAsync(
            $"  mattermost_configs:\n  - webhook_url: {server.Url("hooks/xyz")}\n    channel: town-square\n    text: '{{{{ .Status }}}} <b>'\n    icon_emoji: ':fire:'\n" +
            "    attachments:\n    - title: '{{ template \"mattermost.default.title\" . }}'\n      color: '{{ template \"mattermost.default.color\" . }}'\n" +
            "      fields: [{title: Job, value: '{{ .GroupLabels.job }}', short: true}]\n" +
            "    props: {card: 'Runbook: x'}\n    priority: {priority: Urgent, requested_ack: true, persistent_notifications: true}\n");

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /hooks/xyz", request.Method + " " + request.PathAndQuery);
        Assert.Equal(
            "{\"text\":\"firing \\u003cb\\u003e\",\"channel\":\"town-square\",\"username\":\"Alertmanager\",\"icon_emoji\":\":fire:\"," +
            "\"attachments\":[{\"color\":\"danger\",\"title\":\"" + Subject + "\",\"fields\":[{\"title\":\"Job\",\"value\":\"api\",\"short\":true}]}]," +
            "\"props\":{\"card\":\"Runbook: x\"},\"priority\":{\"priority\":\"urgent\",\"requested_ack\":true,\"persistent_notifications\":true}}\n",
            request.Body);
    }

    [Theory]
    [InlineData("important", "{\"priority\":\"important\",\"requested_ack\":true}")]
    [InlineData("standard", "{\"priority\":\"standard\"}")]
    [InlineData("'{{ .CommonLabels.severity }}'", "{\"priority\":\"standard\"}")]
    public async Task Mattermost_drops_priority_flags_its_level_does_not_allow(string priority, string expected)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "ok");
        await TestNotifications.NotifyAsync(
            $"  mattermost_configs:\n  - webhook_url: {server.Url("h")}\n    priority: {{priority: {priority}, requested_ack: true, persistent_notifications: true}}\n");
        Assert.Equal(expected, JsonNode.Parse(Assert.Single(server.Requests).Body)!["priority"]!.ToJsonString());
    }

    [Fact]
    public async Task Mattermost_sends_alertmanagers_markdown_text_by_default()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "ok");
        await TestNotifications.NotifyAsync($"  mattermost_configs:\n  - webhook_url: {server.Url("h")}\n", TestNotifications.ResolvedRequest());
        var text = JsonNode.Parse(Assert.Single(server.Requests).Body)!["text"]!.GetValue<string>();
        Assert.StartsWith("\n\n\n# Alerts Resolved:\n\nLabels:\n  - alertname = HighLatency\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rocketchat_posts_one_attachment_with_the_token_headers()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "{\"success\":true,\"message\":{}}");
        await TestNotifications.NotifyAsync(
            $"  rocketchat_configs:\n  - api_url: {server.BaseUrl}\n    token: tok-1\n    token_id: user-1\n    channel: '#ops'\n    emoji: ':fire:'\n" +
            "    short_fields: true\n    fields: [{title: Job, value: '{{ .GroupLabels.job }}'}, {title: Severity, value: x, short: false}]\n" +
            "    actions: [{type: button, text: Runbook, url: 'http://runbook'}]\n");

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /api/v1/chat.postMessage", request.Method + " " + request.PathAndQuery);
        Assert.Equal("tok-1", request.Header("X-Auth-Token"));
        Assert.Equal("user-1", request.Header("X-User-Id"));
        Assert.Equal(
            "{\"channel\":\"#ops\",\"emoji\":\":fire:\",\"attachments\":[{\"title\":\"" + Subject + "\",\"title_link\":\"" + AlertsLink + "\",\"color\":\"red\"," +
            "\"fields\":[{\"short\":true,\"title\":\"Job\",\"value\":\"api\"},{\"short\":false,\"title\":\"Severity\",\"value\":\"x\"}]," +
            "\"actions\":[{\"type\":\"button\",\"text\":\"Runbook\",\"url\":\"http://runbook\",\"is_webview\":false,\"msg_in_chat_window\":false}]}]}\n",
            request.Body);
    }

    [Fact]
    public async Task Rocketchat_success_false_fails_for_good()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "{\"success\":false,\"error\":\"error-invalid-channel\"}");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync(
            $"  rocketchat_configs:\n  - api_url: {server.BaseUrl}\n    token: t\n    token_id: u\n    channel: '#nowhere'\n"));
        Assert.False(error.Retryable);
        Assert.Contains("channel \"#nowhere\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("error-invalid-channel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incidentio_posts_the_alertmanager_payload_as_version_1_with_the_source_token()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (202, "{\"status\":\"success\"}");
        await TestNotifications.NotifyAsync(
            $"  incidentio_configs:\n  - url: {server.Url("v2/alert_events/alertmanager/01ABC")}\n    alert_source_token: src-token\n    max_alerts: 1\n",
            TestNotifications.Request(secondResolved: true));

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /v2/alert_events/alertmanager/01ABC", request.Method + " " + request.PathAndQuery);
        Assert.Equal("Bearer src-token", request.Header("Authorization"));
        Assert.StartsWith("{\"receiver\":\"team\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",", request.Body, StringComparison.Ordinal);
        Assert.EndsWith(
            ",\"externalURL\":\"http://am.example:9093\",\"version\":\"1\",\"groupKey\":\"{}:{alertname=\\\"HighLatency\\\", job=\\\"api\\\"}\",\"truncatedAlerts\":1}\n",
            request.Body, StringComparison.Ordinal);
        Assert.Single(JsonNode.Parse(request.Body)!["alerts"]!.AsArray());
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    public async Task Incidentio_retries_rate_limits_and_explains_rejections(int status, bool retryable)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (status, "{\"message\":\"Invalid payload\",\"errors\":[\"status is required\"]}");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync(
            $"  incidentio_configs:\n  - url: {server.Url("e")}\n    alert_source_token: t\n"));
        Assert.Equal(retryable, error.Retryable);
        Assert.Contains("Invalid payload: status is required", error.Message, StringComparison.Ordinal);
    }
}
