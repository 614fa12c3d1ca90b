using Argus.Notify.Integrations.Email;
using Argus.Notify.Integrations.Http;
using Argus.Notify.Integrations.Phone;
using Argus.Notify.Integrations.Robots;
using Argus.Notify.Integrations.Slack;
using Argus.Notify.Integrations.Webhook;
using Argus.Notify.Integrations.Wechat;

namespace Argus.Notify.Tests;

public sealed class NotifierFactoryTests
{
    [Fact]
    public void Every_supported_kind_becomes_its_notifier_with_its_send_resolved_default()
    {
        var receiver = TestNotifications.Receiver(
            "  webhook_configs: [{url: 'http://127.0.0.1:1/hook'}]\n" +
            "  slack_configs: [{api_url: 'http://127.0.0.1:1/slack'}]\n" +
            "  wechat_configs: [{corp_id: c, api_secret: s}]\n" +
            "  dingtalk_configs: [{webhook_url: 'http://127.0.0.1:1/d'}]\n" +
            "  feishu_configs: [{webhook_url: 'http://127.0.0.1:1/f'}]\n" +
            "  wechat_robot_configs: [{webhook_url: 'http://127.0.0.1:1/w'}]\n" +
            "  sms_configs: [{url: 'http://127.0.0.1:1/sms', to: ['+1']}]\n" +
            "  voice_configs: [{url: 'http://127.0.0.1:1/voice', to: ['+1'], send_resolved: true}]\n" +
            "  email_configs: [{to: a@example.org}]\n",
            "  smtp_smarthost: 127.0.0.1:25\n  smtp_from: am@example.org\n");
        using var factory = new NotifierFactory();
        var notifiers = factory.Create(receiver);

        var byName = notifiers.ToDictionary(n => n.Integration);
        Assert.IsType<EmailNotifier>(byName["email"]);
        Assert.IsType<SlackNotifier>(byName["slack"]);
        Assert.IsType<WebhookNotifier>(byName["webhook"]);
        Assert.IsType<WechatNotifier>(byName["wechat"]);
        Assert.IsType<DingtalkNotifier>(byName["dingtalk"]);
        Assert.IsType<FeishuNotifier>(byName["feishu"]);
        Assert.IsType<WechatRobotNotifier>(byName["wechat_robot"]);
        Assert.IsType<PhoneGatewayNotifier>(byName["sms"]);
        Assert.IsType<PhoneGatewayNotifier>(byName["voice"]);
        Assert.Equal(9, notifiers.Count);
        // Alertmanager's defaults: webhook and the chat robots send resolved notifications, e-mail, Slack, WeChat and phones do not.
        Assert.Equal(["dingtalk", "feishu", "voice", "webhook", "wechat_robot"], notifiers.Where(n => n.SendResolved).Select(n => n.Integration).Order());
    }

    [Fact]
    public void An_unsupported_kind_is_named_with_its_receiver_and_line()
    {
        var receiver = TestNotifications.Receiver("  pagerduty_configs: [{routing_key: abc}]\n");
        using var factory = new NotifierFactory();
        var error = Assert.Throws<NotSupportedException>(() => factory.Create(receiver));
        Assert.Equal("receiver \"team\": pagerduty_configs (line 7) is not supported by Argus yet", error.Message);
    }

    [Fact]
    public void Integrations_sharing_an_http_config_share_one_client()
    {
        var receiver = TestNotifications.Receiver(
            "  webhook_configs:\n  - url: 'http://127.0.0.1:1/a'\n  - url: 'http://127.0.0.1:1/b'\n  - url: 'http://127.0.0.1:1/c'\n    http_config: {follow_redirects: false}\n");
        var configs = receiver.Integrations.ToList();
        using var clients = new NotifierHttpClients();
        Assert.Same(clients.For(configs[0].HttpConfig), clients.For(configs[1].HttpConfig));
        Assert.NotSame(clients.For(configs[0].HttpConfig), clients.For(configs[2].HttpConfig));
    }
}
