using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Pushover;

namespace Argus.Notify.Tests.Channels;

/// <summary>Pushover's Messages API against a loopback server: form parameters as Alertmanager sets them.</summary>
public sealed class PushoverNotifierTests
{
    private static PushoverNotifier Notifier(LoopbackHttpServer server, string entry, HttpClient client)
    {
        var config = Assert.Single(TestNotifications.Receiver("  pushover_configs:\n  - " + entry).Of<PushoverConfig>());
        return new PushoverNotifier(config, client, server.Url("1/messages.json"));
    }

    [Fact]
    public async Task An_emergency_message_carries_retry_expire_ttl_and_the_alertmanager_link()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "{\"status\":1,\"request\":\"r\"}");
        using var client = new HttpClient();
        var notifier = Notifier(server,
            "user_key: u-1\n    token: t-1\n    message: '{{ len .Alerts }} alerts & more'\n    retry: 30s\n    expire: 2h\n    ttl: 1h\n" +
            "    sound: siren\n    device: phone\n    url_title: Open\n", client);
        await notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /1/messages.json", request.Method + " " + request.PathAndQuery);
        Assert.Equal("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.Equal(
            "device=phone&expire=7200&message=2+alerts+%26+more&priority=2&retry=30&sound=siren" +
            "&title=%5BFIRING%3A2%5D+HighLatency+api+%28page%29&token=t-1&ttl=3600" +
            "&url=http%3A%2F%2Fam.example%3A9093%2F%23%2Falerts%3Freceiver%3Dteam&url_title=Open&user=u-1",
            request.Body);
    }

    [Fact]
    public async Task Resolved_groups_have_normal_priority_html_is_flagged_and_an_empty_message_is_replaced()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "{\"status\":1}");
        using var client = new HttpClient();
        var notifier = Notifier(server, "user_key: u\n    token: t\n    html: true\n    message: '  '\n    title: '{{ .Status }}'\n", client);
        await notifier.NotifyAsync(TestNotifications.ResolvedRequest(), CancellationToken.None);

        var form = FormBody.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal("0", form["priority"]);
        Assert.Equal("1", form["html"]);
        Assert.Equal("(no details)", form["message"]);
        Assert.Equal("resolved", form["title"]);
        Assert.Equal(["60", "3600"], [form["retry"], form["expire"]]);
        Assert.False(form.ContainsKey("ttl"));
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(429, false)]
    [InlineData(400, false)]
    public async Task Only_server_errors_are_retried(int status, bool retryable)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (status, "{\"status\":0,\"errors\":[\"application token is invalid\"]}");
        using var client = new HttpClient();
        var error = await Assert.ThrowsAsync<NotifyException>(() => Notifier(server, "user_key: u\n    token: t\n", client).NotifyAsync(TestNotifications.Request(), CancellationToken.None));
        Assert.Equal(retryable, error.Retryable);
        Assert.Contains("application token is invalid", error.Message, StringComparison.Ordinal);
    }
}
