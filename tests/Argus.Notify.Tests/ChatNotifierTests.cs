namespace Argus.Notify.Tests;

/// <summary>Slack, WeChat Work and the SMS/voice gateway against a loopback server checking method, path, headers and exact body.</summary>
public sealed class ChatNotifierTests
{
    private const string Title = "[FIRING:2] HighLatency api (page)";
    private const string AlertsLink = "http://am.example:9093/#/alerts?receiver=team";

    [Fact]
    public async Task Slack_posts_an_incoming_webhook_message_with_one_attachment()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "ok");
        await TestNotifications.NotifyAsync(
            $"  slack_configs:\n  - api_url: {server.Url("services/T0/B0/X")}\n    channel: '#ops'\n" +
            "    fields: [{title: Severity, value: '{{ .CommonLabels.severity }}'}]\n    short_fields: true\n" +
            "    actions: [{type: button, text: Runbook, url: 'http://runbook.example/{{ .GroupLabels.alertname }}'}]\n");

        var request = Assert.Single(server.Requests);
        Assert.Equal("/services/T0/B0/X", request.PathAndQuery);
        Assert.Equal(
            "{\"channel\":\"#ops\",\"username\":\"Alertmanager\",\"attachments\":[{\"title\":\"" + Title + "\",\"title_link\":\"" + AlertsLink +
            "\",\"fallback\":\"" + Title + " | " + AlertsLink + "\",\"color\":\"danger\"," +
            "\"fields\":[{\"title\":\"Severity\",\"value\":\"page\",\"short\":true}]," +
            "\"actions\":[{\"type\":\"button\",\"text\":\"Runbook\",\"url\":\"http://runbook.example/HighLatency\"}]}]}",
            request.Body);
    }

    [Fact]
    public async Task Slack_with_an_app_token_uses_the_web_api_and_does_not_retry_ok_false()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "{\"ok\":false,\"error\":\"channel_not_found\"}");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync(
            $"  slack_configs:\n  - app_token: xoxb-123\n    app_url: {server.Url("api/chat.postMessage")}\n    channel: '#nowhere'\n"));

        Assert.False(error.Retryable);
        Assert.Contains("channel_not_found", error.Message, StringComparison.Ordinal);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/chat.postMessage", request.PathAndQuery);
        Assert.Equal("Bearer xoxb-123", request.Header("Authorization"));
    }

    private static string WechatConfig(LoopbackHttpServer server) =>
        $"  wechat_configs:\n  - api_url: {server.Url("cgi-bin/")}\n    corp_id: corp1\n    api_secret: sec/ret\n    agent_id: '1000002'\n" +
        "    to_party: '2'\n    message: '{{ template \"__subject\" . }}'\n";

    [Fact]
    public async Task Wechat_gets_a_token_once_and_sends_the_message_with_it()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Enqueue(200, "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"tok-1\",\"expires_in\":7200}");
        var clock = new FixedTime(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));
        using var factory = new NotifierFactory(clock);
        var notifier = Assert.Single(factory.Create(TestNotifications.Receiver(WechatConfig(server))));

        await notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None);
        await notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None);

        var requests = server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal("GET", requests[0].Method);
        Assert.Equal("/cgi-bin/gettoken?corpid=corp1&corpsecret=sec%2Fret", requests[0].PathAndQuery);
        Assert.All(requests.Skip(1), r => Assert.Equal("/cgi-bin/message/send?access_token=tok-1", r.PathAndQuery));
        Assert.Equal(
            "{\"touser\":\"\",\"toparty\":\"2\",\"totag\":\"\",\"agentid\":\"1000002\",\"msgtype\":\"text\",\"text\":{\"content\":\"" + Title + "\"},\"safe\":\"0\"}",
            requests[1].Body);

        // Two hours later the token has expired and a new one is fetched.
        clock.Now = clock.Now.AddHours(2);
        server.Enqueue(200, "{\"errcode\":0,\"access_token\":\"tok-2\",\"expires_in\":7200}");
        await notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None);
        Assert.Equal("/cgi-bin/message/send?access_token=tok-2", server.Requests[^1].PathAndQuery);
    }

    [Fact]
    public async Task Wechat_drops_a_rejected_token_and_retries_while_other_errcodes_fail_for_good()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Enqueue(200, "{\"errcode\":0,\"access_token\":\"old\",\"expires_in\":7200}");
        server.Enqueue(200, "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");
        using var factory = new NotifierFactory();
        var notifier = Assert.Single(factory.Create(TestNotifications.Receiver(WechatConfig(server))));

        var expired = await Assert.ThrowsAsync<NotifyException>(() => notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None));
        Assert.True(expired.Retryable);

        server.Enqueue(200, "{\"errcode\":0,\"access_token\":\"new\",\"expires_in\":7200}");
        server.Enqueue(200, "{\"errcode\":60020,\"errmsg\":\"not allow to access from your ip\"}");
        var denied = await Assert.ThrowsAsync<NotifyException>(() => notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None));
        Assert.False(denied.Retryable);
        Assert.Contains("60020", denied.Message, StringComparison.Ordinal);
        Assert.Equal(["gettoken", "send", "gettoken", "send"], server.Requests.Select(r => r.PathAndQuery.Contains("gettoken", StringComparison.Ordinal) ? "gettoken" : "send"));
        Assert.EndsWith("access_token=new", server.Requests[^1].PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sms_configs", "sms", "[FIRING:2] HighLatency api (page)\\n- High latency on 10.0.0.1:9100\\n- High latency on 10.0.0.2:9100\\n")]
    [InlineData("voice_configs", "voice", "2 alerts firing for HighLatency api.")]
    public async Task Phone_gateways_get_the_numbers_and_the_rendered_message_with_the_bearer_token(string kind, string type, string message)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (202, "{}");
        await TestNotifications.NotifyAsync($"  {kind}:\n  - url: {server.Url("v1/send")}\n    token: gw-token\n    to: ['+8613800000000', '+4915100000000']\n    from: Argus\n    send_resolved: true\n");

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/send", request.PathAndQuery);
        Assert.Equal("Bearer gw-token", request.Header("Authorization"));
        Assert.Equal(
            "{\"type\":\"" + type + "\",\"to\":[\"+8613800000000\",\"+4915100000000\"],\"from\":\"Argus\",\"message\":\"" + message +
            "\",\"status\":\"firing\",\"receiver\":\"team\",\"groupKey\":\"{}:{alertname=\\\"HighLatency\\\", job=\\\"api\\\"}\"}",
            request.Body);
    }

    [Fact]
    public async Task A_gateway_timeout_is_retryable()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (504, "upstream timeout");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync($"  sms_configs:\n  - url: {server.Url("send")}\n    to: ['+100']\n"));
        Assert.True(error.Retryable);
    }
}
