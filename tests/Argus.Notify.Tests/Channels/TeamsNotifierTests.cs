namespace Argus.Notify.Tests.Channels;

/// <summary>Microsoft Teams: the legacy MessageCard and the Workflows Adaptive Card, against a loopback server.</summary>
public sealed class TeamsNotifierTests
{
    private const string Subject = "[FIRING:2] HighLatency api (page)";

    [Fact]
    public async Task A_message_card_is_red_while_firing_and_green_once_resolved()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "1");
        var config = $"  msteams_configs:\n  - webhook_url: {server.Url("webhookb2/abc")}\n    text: '{{{{ len .Alerts.Firing }}}} firing <now>'\n";
        await TestNotifications.NotifyAsync(config);
        await TestNotifications.NotifyAsync(config, TestNotifications.ResolvedRequest());

        var requests = server.Requests;
        Assert.All(requests, r => Assert.Equal("POST /webhookb2/abc", r.Method + " " + r.PathAndQuery));
        Assert.Equal(
            "{\"@context\":\"http://schema.org/extensions\",\"type\":\"MessageCard\",\"title\":\"" + Subject + "\",\"summary\":\"" + Subject + "\"," +
            "\"text\":\"2 firing \\u003cnow\\u003e\",\"themeColor\":\"8C1A1A\"}\n",
            requests[0].Body);
        Assert.EndsWith("\"text\":\"0 firing \\u003cnow\\u003e\",\"themeColor\":\"2DC72D\"}\n", requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflows_message_carries_one_adaptive_card_from_a_webhook_url_file()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (202, string.Empty);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, server.Url("workflows/123/triggers/manual/paths/invoke?sig=s").ToString());
            await TestNotifications.NotifyAsync($"  msteamsv2_configs:\n  - webhook_url_file: {file}\n    text: '{{{{ len .Alerts.Firing }}}} firing'\n");
        }
        finally
        {
            File.Delete(file);
        }

        var request = Assert.Single(server.Requests);
        Assert.Equal("/workflows/123/triggers/manual/paths/invoke?sig=s", request.PathAndQuery);
        Assert.Equal(
            "{\"type\":\"message\",\"attachments\":[{\"contentType\":\"application/vnd.microsoft.card.adaptive\",\"contentUrl\":null,\"content\":{" +
            "\"$schema\":\"http://adaptivecards.io/schemas/adaptive-card.json\",\"type\":\"AdaptiveCard\",\"version\":\"1.2\",\"body\":[" +
            "{\"type\":\"TextBlock\",\"text\":\"" + Subject + "\",\"weight\":\"Bolder\",\"size\":\"Medium\",\"wrap\":true,\"style\":\"heading\",\"color\":\"Attention\"}," +
            "{\"type\":\"TextBlock\",\"text\":\"2 firing\",\"wrap\":true}],\"msteams\":{\"width\":\"full\"}}}]}\n",
            request.Body);
    }

    [Theory]
    [InlineData("msteams_configs", 502, true)]
    [InlineData("msteams_configs", 429, false)]
    [InlineData("msteamsv2_configs", 500, true)]
    [InlineData("msteamsv2_configs", 400, false)]
    public async Task Only_server_errors_are_retried(string kind, int status, bool retryable)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (status, "Webhook message delivery failed");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync($"  {kind}:\n  - webhook_url: {server.Url("w")}\n"));
        Assert.Equal(retryable, error.Retryable);
    }
}
