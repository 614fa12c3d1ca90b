namespace Argus.Notify.Tests;

/// <summary>DingTalk, Feishu and WeCom robots: URL, signature (vectors computed with openssl from the providers'
/// documented recipes), exact body and errcode handling.</summary>
public sealed class RobotNotifierTests
{
    private static readonly FixedTime Clock = new(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));

    private const string Title = "[FIRING:2] HighLatency api (page)";

    private const string Markdown =
        "**Firing (2)**\\n\\n- High latency on 10.0.0.1:9100\\n- High latency on 10.0.0.2:9100\\n\\n[View in Alertmanager](http://am.example:9093/#/alerts?receiver=team)";

    [Fact]
    public async Task Dingtalk_signs_the_url_and_sends_markdown_with_mentions()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        await TestNotifications.NotifyAsync(
            $"  dingtalk_configs:\n  - webhook_url: {server.Url("robot/send?access_token=abc")}\n    secret: SECabc\n    at_mobiles: ['13800000000']\n",
            time: Clock);

        var request = Assert.Single(server.Requests);
        // printf '1700000000000\nSECabc' | openssl dgst -sha256 -hmac SECabc -binary | base64
        Assert.Equal("/robot/send?access_token=abc&timestamp=1700000000000&sign=jcUpW0QmtKduN03n4JqQ0PBosVjqnM8gU7fIIvsDmCM%3D", request.PathAndQuery);
        Assert.Equal(
            "{\"msgtype\":\"markdown\",\"markdown\":{\"title\":\"" + Title + "\",\"text\":\"### " + Title + "\\n\\n" + Markdown + " @13800000000\"}," +
            "\"at\":{\"atMobiles\":[\"13800000000\"],\"atUserIds\":[],\"isAtAll\":false}}",
            request.Body);
    }

    [Theory]
    [InlineData(310000, false)]
    [InlineData(130101, true)]
    public async Task Dingtalk_errcodes_fail_and_only_the_rate_limit_is_retried(int code, bool retryable)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, $"{{\"errcode\":{code},\"errmsg\":\"rejected\"}}");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync($"  dingtalk_configs:\n  - webhook_url: {server.Url("robot/send")}\n    message_type: text\n"));
        Assert.Equal(retryable, error.Retryable);
        Assert.Contains($"error {code}: rejected", error.Message, StringComparison.Ordinal);
        Assert.Equal("/robot/send", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Feishu_signs_the_body_and_sends_a_card()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "{\"code\":0,\"msg\":\"success\",\"data\":{}}");
        await TestNotifications.NotifyAsync(
            $"  feishu_configs:\n  - webhook_url: {server.Url("open-apis/bot/v2/hook/xyz")}\n    secret: SECabc\n    at_all: true\n", time: Clock);

        var request = Assert.Single(server.Requests);
        Assert.Equal("/open-apis/bot/v2/hook/xyz", request.PathAndQuery);
        // printf '' | openssl dgst -sha256 -hmac "$(printf '1700000000\nSECabc')" -binary | base64
        Assert.Equal(
            "{\"timestamp\":\"1700000000\",\"sign\":\"XprR1de+0SSBnwWyU/4k6x2TL+Q2SJlM5NNEdAv7MWg=\",\"msg_type\":\"interactive\"," +
            "\"card\":{\"header\":{\"title\":{\"tag\":\"plain_text\",\"content\":\"" + Title + "\"},\"template\":\"red\"}," +
            "\"elements\":[{\"tag\":\"div\",\"text\":{\"tag\":\"lark_md\",\"content\":\"" + Markdown + " <at id=all></at>\"}}]}}",
            request.Body);
    }

    [Fact]
    public async Task Feishu_text_messages_and_error_codes()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync(
            $"  feishu_configs:\n  - webhook_url: {server.Url("hook")}\n    message_type: text\n    message: '{{{{ .Status }}}}'\n    at_user_ids: [ou_1]\n"));
        Assert.False(error.Retryable);
        Assert.Contains("19021", error.Message, StringComparison.Ordinal);
        Assert.Equal("{\"msg_type\":\"text\",\"content\":{\"text\":\"" + Title + "\\nfiring <at user_id=\\\"ou_1\\\"></at>\"}}", Assert.Single(server.Requests).Body);
    }

    [Fact]
    public async Task Wechat_robot_sends_text_with_mention_lists()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        await TestNotifications.NotifyAsync(
            $"  wechat_robot_configs:\n  - webhook_url: {server.Url("cgi-bin/webhook/send?key=k1")}\n    message_type: text\n    title: ''\n    message: '{{{{ template \"__subject\" . }}}}'\n" +
            "    at_user_ids: [zhangsan]\n    at_mobiles: ['13800000000']\n    at_all: true\n");

        var request = Assert.Single(server.Requests);
        Assert.Equal("/cgi-bin/webhook/send?key=k1", request.PathAndQuery);
        Assert.Equal(
            "{\"msgtype\":\"text\",\"text\":{\"content\":\"" + Title + "\",\"mentioned_list\":[\"zhangsan\",\"@all\"],\"mentioned_mobile_list\":[\"13800000000\"]}}",
            request.Body);
    }
}
