using Argus.Templates.Formatting;

namespace Argus.Notify.Tests.Channels;

/// <summary>The resolved side of the channels whose firing bodies the other tests pin down: the same request, the
/// resolved colour, status and subject.</summary>
public sealed class ResolvedNotificationTests
{
    private const string Resolved = "[RESOLVED] HighLatency api (page)";
    private const string AlertsLink = "http://am.example:9093/#/alerts?receiver=team";

    private static async Task<RecordedRequest> SendResolvedAsync(Func<LoopbackHttpServer, string> entry, int status = 200, string answer = "{}")
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (status, answer);
        await TestNotifications.NotifyAsync(entry(server), TestNotifications.ResolvedRequest());
        return Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Webex_lists_the_resolved_alerts()
    {
        var request = await SendResolvedAsync(s => $"  webex_configs:\n  - api_url: {s.Url("v1/messages")}\n    room_id: r\n    http_config: {{authorization: {{credentials: t}}}}\n");
        Assert.Equal("{\"markdown\":" + GoJson.Marshal("\n\n\nAlerts Resolved:\n" + TestNotifications.AlertList + "\n\n") + ",\"roomId\":\"r\"}\n", request.Body);
    }

    [Fact]
    public async Task Teams_workflows_card_turns_good()
    {
        var request = await SendResolvedAsync(s => $"  msteamsv2_configs:\n  - webhook_url: {s.Url("w")}\n    text: done\n", 202, string.Empty);
        Assert.Contains(
            "\"body\":[{\"type\":\"TextBlock\",\"text\":\"" + Resolved + "\",\"weight\":\"Bolder\",\"size\":\"Medium\",\"wrap\":true,\"style\":\"heading\",\"color\":\"Good\"}," +
            "{\"type\":\"TextBlock\",\"text\":\"done\",\"wrap\":true}]",
            request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rocketchat_turns_green()
    {
        var request = await SendResolvedAsync(
            s => $"  rocketchat_configs:\n  - api_url: {s.BaseUrl}\n    token: t\n    token_id: u\n    channel: '#ops'\n    send_resolved: true\n", answer: "{\"success\":true}");
        Assert.Equal(
            "{\"channel\":\"#ops\",\"attachments\":[{\"title\":\"" + Resolved + "\",\"title_link\":\"" + AlertsLink + "\",\"color\":\"green\"}]}\n",
            request.Body);
    }

    [Fact]
    public async Task Incidentio_reports_the_resolved_status()
    {
        var request = await SendResolvedAsync(s => $"  incidentio_configs:\n  - url: {s.Url("e")}\n    alert_source_token: t\n", 202);
        Assert.StartsWith("{\"receiver\":\"team\",\"status\":\"resolved\",\"alerts\":[{\"status\":\"resolved\",", request.Body, StringComparison.Ordinal);
        Assert.EndsWith(",\"version\":\"1\",\"groupKey\":\"{}:{alertname=\\\"HighLatency\\\", job=\\\"api\\\"}\",\"truncatedAlerts\":0}\n", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sns_publishes_the_resolved_subject()
    {
        var request = await SendResolvedAsync(
            s => $"  sns_configs:\n  - api_url: '{s.BaseUrl}'\n    sigv4: {{region: eu-west-1, access_key: A, secret_key: S}}\n    topic_arn: t\n    message: m\n");
        Assert.Equal("Action=Publish&Message=m&Subject=%5BRESOLVED%5D+HighLatency+api+%28page%29&TopicArn=t&Version=2010-03-31", request.Body);
    }

    [Fact]
    public async Task Twilio_sends_resolved_messages_when_asked_to()
    {
        var request = await SendResolvedAsync(
            s => $"  sms_configs:\n  - provider: twilio\n    send_resolved: true\n    to: ['+1']\n    from: '+2'\n    message: '{{{{ .Status }}}}: {{{{ .GroupLabels.alertname }}}}'\n" +
                $"    twilio: {{account_sid: AC1, auth_token: t, api_url: '{s.BaseUrl}'}}\n", 201);
        Assert.Equal("To=%2B1&From=%2B2&Body=resolved%3A+HighLatency", request.Body);
    }
}
