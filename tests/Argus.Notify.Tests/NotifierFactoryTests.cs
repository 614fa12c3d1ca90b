using Argus.Alerting.Config;
using Argus.Notify.Integrations.Email;
using Argus.Notify.Integrations.Http;
using Argus.Notify.Integrations.Incidentio;
using Argus.Notify.Integrations.Jira;
using Argus.Notify.Integrations.Mattermost;
using Argus.Notify.Integrations.Opsgenie;
using Argus.Notify.Integrations.Pagerduty;
using Argus.Notify.Integrations.Phone;
using Argus.Notify.Integrations.Pushover;
using Argus.Notify.Integrations.Robots;
using Argus.Notify.Integrations.Rocketchat;
using Argus.Notify.Integrations.Slack;
using Argus.Notify.Integrations.Sns;
using Argus.Notify.Integrations.Teams;
using Argus.Notify.Integrations.Victorops;
using Argus.Notify.Integrations.Webex;
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
        Assert.IsType<HttpGatewayPhoneNotifier>(byName["sms"]);
        Assert.IsType<HttpGatewayPhoneNotifier>(byName["voice"]);
        Assert.Equal(9, notifiers.Count);
        // Alertmanager's defaults: webhook and the chat robots send resolved notifications, e-mail, Slack, WeChat and phones do not.
        Assert.Equal(["dingtalk", "feishu", "voice", "webhook", "wechat_robot"], notifiers.Where(n => n.SendResolved).Select(n => n.Integration).Order());
    }

    [Fact]
    public void Every_alertmanager_kind_becomes_its_notifier_with_alertmanagers_send_resolved_default()
    {
        var receiver = TestNotifications.Receiver(
            "  pagerduty_configs: [{routing_key: rk}]\n" +
            "  opsgenie_configs: [{api_key: k}]\n" +
            "  victorops_configs: [{api_key: k, routing_key: r}]\n" +
            "  pushover_configs: [{user_key: u, token: t}]\n" +
            "  msteams_configs: [{webhook_url: 'http://127.0.0.1:1/t'}]\n" +
            "  msteamsv2_configs: [{webhook_url: 'http://127.0.0.1:1/t2'}]\n" +
            "  webex_configs: [{room_id: r, http_config: {authorization: {credentials: c}}}]\n" +
            "  mattermost_configs: [{webhook_url: 'http://127.0.0.1:1/m'}]\n" +
            "  rocketchat_configs: [{token: t, token_id: i}]\n" +
            "  jira_configs: [{api_url: 'http://127.0.0.1:1/rest/api/2', project: P, issue_type: Bug}]\n" +
            "  incidentio_configs: [{url: 'http://127.0.0.1:1/i', alert_source_token: t}]\n" +
            "  sns_configs: [{topic_arn: 'arn:aws:sns:eu-west-1:1:t'}]\n");
        using var factory = new NotifierFactory();
        var notifiers = factory.Create(receiver).ToDictionary(n => n.Integration);

        Assert.IsType<PagerdutyNotifier>(notifiers["pagerduty"]);
        Assert.IsType<OpsgenieNotifier>(notifiers["opsgenie"]);
        Assert.IsType<VictoropsNotifier>(notifiers["victorops"]);
        Assert.IsType<PushoverNotifier>(notifiers["pushover"]);
        Assert.IsType<TeamsNotifier>(notifiers["msteams"]);
        Assert.IsType<TeamsV2Notifier>(notifiers["msteamsv2"]);
        Assert.IsType<WebexNotifier>(notifiers["webex"]);
        Assert.IsType<MattermostNotifier>(notifiers["mattermost"]);
        Assert.IsType<RocketchatNotifier>(notifiers["rocketchat"]);
        Assert.IsType<JiraNotifier>(notifiers["jira"]);
        Assert.IsType<IncidentioNotifier>(notifiers["incidentio"]);
        Assert.IsType<SnsNotifier>(notifiers["sns"]);
        Assert.Equal(12, notifiers.Count);
        // Rocket.Chat is the one Alertmanager kind among these that does not send resolved notifications by default.
        Assert.Equal(["rocketchat"], notifiers.Values.Where(n => !n.SendResolved).Select(n => n.Integration));
    }

    [Fact]
    public void Every_kind_the_loader_reads_is_supported()
    {
        var kinds = typeof(Receiver).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(Argus.Alerting.Config.Receivers.NotifierConfig)))
            .ToList();
        Assert.Equal(Receiver.KindKeys.Count(), kinds.Count);
        foreach (var kind in kinds)
        {
            var instance = (Argus.Alerting.Config.Receivers.NotifierConfig)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(kind);
            Assert.True(NotifierFactory.IsSupported(instance), kind.Name);
        }
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
