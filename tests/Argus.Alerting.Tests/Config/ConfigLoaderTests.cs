using Argus.Alerting.Config;
using Argus.Alerting.Config.Receivers;
using Argus.Config;
using Argus.Model.Labels;

namespace Argus.Alerting.Tests.Config;

public sealed class ConfigLoaderTests
{
    private const string Minimal = "route:\n  receiver: r\nreceivers:\n  - name: r\n";

    private static AlertmanagerConfig Load(string yaml) => AlertmanagerConfigLoader.Load(yaml, "am.yml");

    private static ConfigException Reject(string yaml) => Assert.Throws<ConfigException>(() => Load(yaml));

    private static T Single<T>(string receiverYaml, string global = "")
        where T : NotifierConfig
    {
        var config = Load((global.Length > 0 ? "global:\n" + global : string.Empty) + "route:\n  receiver: r\nreceivers:\n  - name: r\n" + receiverYaml);
        return Assert.Single(config.Receivers[0].Of<T>());
    }

    [Fact]
    public void A_minimal_file_gets_alertmanagers_defaults()
    {
        var config = Load(Minimal);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Global.ResolveTimeout);
        Assert.Equal("localhost", config.Global.SmtpHello);
        Assert.True(config.Global.SmtpRequireTls);
        Assert.Equal("https://events.pagerduty.com/v2/enqueue", config.Global.PagerdutyUrl.Text);
        Assert.Equal("https://api.opsgenie.com/", config.Global.OpsGenieApiUrl.Text);
        Assert.Equal("https://api.telegram.org", config.Global.TelegramApiUrl.Text);
        Assert.Null(config.Global.JiraApiUrl);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Route.GroupWait);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Route.GroupInterval);
        Assert.Equal(TimeSpan.FromHours(4), config.Route.RepeatInterval);
        Assert.Empty(config.Route.GroupBy);
        Assert.False(config.Route.GroupByAll);
        Assert.Empty(config.Receivers[0].Integrations);
    }

    [Fact]
    public void Unknown_fields_are_errors_with_file_line_and_column()
    {
        var e = Reject("route:\n  receiver: r\n  recevier: x\nreceivers:\n  - name: r\n");
        Assert.StartsWith("am.yml:3:3: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("recevier", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.Line);
        Assert.Equal(3, e.Column);
    }

    [Theory]
    [InlineData("receivers:\n  - name: r\n", "no routes provided")]
    [InlineData("route:\n  group_wait: 1s\nreceivers:\n  - name: r\n", "root route must specify a default receiver")]
    [InlineData("route:\n  receiver: r\n  matchers: ['a=b']\nreceivers:\n  - name: r\n", "root route must not have any matchers")]
    [InlineData("route:\n  receiver: r\n  mute_time_intervals: [x]\nreceivers:\n  - name: r\ntime_intervals:\n  - name: x\n", "root route must not have any mute time intervals")]
    [InlineData("route:\n  receiver: nope\nreceivers:\n  - name: r\n", "undefined receiver \"nope\" used in route")]
    [InlineData("route:\n  receiver: r\n  routes:\n    - receiver: nope\nreceivers:\n  - name: r\n", "undefined receiver \"nope\" used in route")]
    [InlineData("route:\n  receiver: r\nreceivers:\n  - name: r\n  - name: r\n", "notification config name \"r\" is not unique")]
    [InlineData("route:\n  receiver: r\nreceivers:\n  - email_configs: []\n", "missing name in receiver")]
    [InlineData("route:\n  receiver: r\n  routes:\n    - active_time_intervals: [nope]\nreceivers:\n  - name: r\n", "undefined time interval \"nope\" used in route")]
    [InlineData("route:\n  receiver: r\nreceivers:\n  - name: r\ntime_intervals:\n  - name: x\n  - name: x\n", "time interval \"x\" is not unique")]
    [InlineData("route:\n  receiver: r\n  group_by: ['...', job]\nreceivers:\n  - name: r\n", "cannot have wildcard group_by")]
    [InlineData("route:\n  receiver: r\n  group_by: [job, job]\nreceivers:\n  - name: r\n", "duplicated label \"job\" in group_by")]
    [InlineData("route:\n  receiver: r\n  group_interval: 0s\nreceivers:\n  - name: r\n", "group_interval cannot be zero")]
    [InlineData("route:\n  receiver: r\n  repeat_interval: 0\nreceivers:\n  - name: r\n", "repeat_interval cannot be zero")]
    [InlineData("route:\n  receiver: r\n  group_wait: 5 minutes\nreceivers:\n  - name: r\n", "duration")]
    [InlineData("route:\n  receiver: r\n  routes:\n    - match: {'bad-name': x}\nreceivers:\n  - name: r\n", "invalid label name \"bad-name\"")]
    [InlineData("route:\n  receiver: r\n  routes:\n    - match_re: {job: '('}\nreceivers:\n  - name: r\n", "error parsing regexp")]
    [InlineData("route:\n  receiver: r\n  routes:\n    - match_re: {job: }\nreceivers:\n  - name: r\n", "invalid regexp value for \"job\"")]
    [InlineData("route:\n  receiver: r\n  routes:\n    - matchers: ['job']\nreceivers:\n  - name: r\n", "bad matcher format")]
    [InlineData("route:\n  receiver: r\nreceivers:\n  - name: r\ninhibit_rules:\n  - target_match_re: {sev: }\n", "invalid regexp value for \"sev\"")]
    [InlineData("route:\n  receiver: r\n  receiver: s\nreceivers:\n  - name: r\n", "receiver")]
    public void Inconsistent_files_are_rejected_with_upstreams_reason(string yaml, string reason)
    {
        var e = Reject(yaml);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("am.yml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_by_all_and_utf8_group_labels_are_accepted()
    {
        var config = Load("route:\n  receiver: r\n  group_by: ['...']\n  routes:\n    - matchers: ['service=\"db\"']\n      group_by: ['k8s.namespace', alertname]\nreceivers:\n  - name: r\n");
        Assert.True(config.Route.GroupByAll);
        Assert.Equal(["alertname", "k8s.namespace"], config.Route.Routes[0].GroupBy);
        Assert.False(config.Route.Routes[0].GroupByAll);
    }

    [Fact]
    public void Matchers_match_and_match_re_combine_on_a_route()
    {
        var config = Load("route:\n  receiver: r\n  routes:\n    - match: {team: a}\n      match_re: {env: 'prod|dev'}\n      matchers: ['sev!=\"info\"', '{\"k8s.io/app\"=~\"web.*\"}']\n      receiver: r\nreceivers:\n  - name: r\n");
        var route = config.Route.Routes[0];
        Assert.Equal(4, route.Matchers.Count);
        Assert.True(route.Matches(LabelSet.FromPairs("team", "a", "env", "dev", "sev", "page", "k8s.io/app", "web1")));
        Assert.False(route.Matches(LabelSet.FromPairs("team", "a", "env", "development", "sev", "page", "k8s.io/app", "web1")));
    }

    [Fact]
    public void Inhibit_rules_fold_old_and_new_matchers_together()
    {
        var config = Load(Minimal + "inhibit_rules:\n  - source_match: {severity: critical}\n    source_matchers: ['team=~\"a|b\"']\n    target_match_re: {severity: 'warn.*'}\n    equal: [alertname, 'k8s.cluster']\n");
        var rule = Assert.Single(config.InhibitRules);
        Assert.Equal(2, rule.SourceMatchers.Count);
        Assert.True(rule.MatchesSource(LabelSet.FromPairs("severity", "critical", "team", "a")));
        Assert.True(rule.MatchesTarget(LabelSet.FromPairs("severity", "warning")));
        Assert.True(rule.EqualLabelsMatch(LabelSet.FromPairs("alertname", "X"), LabelSet.FromPairs("alertname", "X", "other", "y")));
        Assert.False(rule.EqualLabelsMatch(LabelSet.FromPairs("alertname", "X", "k8s.cluster", "a"), LabelSet.FromPairs("alertname", "X")));
    }

    [Fact]
    public void Time_intervals_are_read_with_their_location()
    {
        var config = Load("route:\n  receiver: r\n  routes:\n    - matchers: [a=b]\n      mute_time_intervals: [offhours]\n      active_time_intervals: [legacy]\nreceivers:\n  - name: r\n"
            + "time_intervals:\n  - name: offhours\n    time_intervals:\n      - times:\n          - start_time: '17:00'\n            end_time: '24:00'\n        weekdays: ['monday:friday']\n        days_of_month: ['1:-1']\n        months: ['january:december']\n        years: ['2020:2030']\n        location: Europe/Berlin\n"
            + "mute_time_intervals:\n  - name: legacy\n    time_intervals:\n      - weekdays: [saturday, sunday]\n");
        var offhours = config.TimeIntervals["offhours"];
        // 16:30 UTC on Monday 3 June 2024 is 18:30 in Berlin (CEST).
        Assert.True(offhours.Contains(new DateTimeOffset(2024, 6, 3, 16, 30, 0, TimeSpan.Zero)));
        Assert.False(offhours.Contains(new DateTimeOffset(2024, 6, 3, 14, 30, 0, TimeSpan.Zero)));
        Assert.True(config.TimeIntervals["legacy"].Contains(new DateTimeOffset(2024, 6, 8, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(["offhours"], config.Route.Routes[0].MuteTimeIntervals);
    }

    [Theory]
    [InlineData("      - times: [{start_time: '10:00', end_time: '09:00'}]\n", "start time cannot be equal or greater than end time")]
    [InlineData("      - weekdays: [someday]\n", "not a valid weekday")]
    [InlineData("      - days_of_month: ['0']\n", "not a valid day of the month")]
    [InlineData("      - location: 'Nowhere/Land'\n", "unknown time zone")]
    [InlineData("      - hours: ['1']\n", "field hours not found")]
    public void Bad_time_intervals_are_rejected(string spec, string reason)
    {
        var e = Reject(Minimal + "time_intervals:\n  - name: x\n    time_intervals:\n" + spec);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_inherits_smtp_settings_and_a_local_password_overrides_the_global_one()
    {
        var global = "  smtp_smarthost: 'mail:25'\n  smtp_from: am@example.org\n  smtp_auth_username: u\n  smtp_auth_password_file: /g\n";
        var inherited = Single<EmailConfig>("    email_configs:\n      - to: a@example.org\n        headers: {x-team-name: ops}\n", global);
        Assert.Equal("mail:25", inherited.Smarthost);
        Assert.Equal("am@example.org", inherited.From);
        Assert.Equal("localhost", inherited.Hello);
        Assert.Equal("/g", inherited.AuthPasswordFile);
        Assert.False(inherited.SendResolved);
        Assert.True(inherited.RequireTls);
        Assert.Equal("X-Team-Name", Assert.Single(inherited.Headers).Key);
        var local = Single<EmailConfig>("    email_configs:\n      - to: a@example.org\n        auth_password: secret\n", global);
        Assert.Equal("secret", local.AuthPassword!.Value);
        Assert.Null(local.AuthPasswordFile);
    }

    [Theory]
    [InlineData("    email_configs:\n      - to: a@b\n", "", "no global SMTP smarthost set")]
    [InlineData("    email_configs:\n      - to: a@b\n        smarthost: 'h:25'\n", "", "no global SMTP from set")]
    [InlineData("    email_configs:\n      - from: a@b\n", "  smtp_smarthost: 'h:25'\n", "missing to address")]
    [InlineData("    email_configs:\n      - to: a@b\n        headers: {subject: a, Subject: b}\n", "  smtp_smarthost: 'h:25'\n  smtp_from: f@b\n", "duplicate header \"Subject\"")]
    [InlineData("    email_configs:\n      - to: a@b\n        smarthost: 'nohost'\n", "", "missing port")]
    [InlineData("    webhook_configs:\n      - send_resolved: true\n", "", "one of url or url_file must be configured")]
    [InlineData("    webhook_configs:\n      - url: http://a/\n        url_file: /f\n", "", "at most one of url & url_file")]
    [InlineData("    webhook_configs:\n      - url: ftp://a/\n", "", "unsupported scheme \"ftp\"")]
    [InlineData("    slack_configs:\n      - channel: '#a'\n", "", "no Slack API URL nor App token")]
    [InlineData("    slack_configs:\n      - api_url: http://a/\n        app_token: t\n", "", "at most one of api_url/api_url_file & app_token/app_token_file")]
    [InlineData("    slack_configs:\n      - api_url: http://a/\n        fields: [{title: t}]\n", "", "missing value in Slack field")]
    [InlineData("    pagerduty_configs:\n      - description: x\n", "", "missing service or routing key")]
    [InlineData("    opsgenie_configs:\n      - api_key: k\n        responders: [{name: n, type: robot}]\n", "", "does not match valid options")]
    [InlineData("    opsgenie_configs:\n      - api_key: k\n        api_key_file: /f\n", "", "at most one of api_key & api_key_file")]
    [InlineData("    victorops_configs:\n      - api_key: k\n", "", "missing Routing key")]
    [InlineData("    victorops_configs:\n      - api_key: k\n        routing_key: r\n        custom_fields: {entity_state: x}\n", "", "conflicts with the fixed/static fields")]
    [InlineData("    pushover_configs:\n      - user_key: u\n", "", "one of token or token_file")]
    [InlineData("    pushover_configs:\n      - user_key: u\n        token: t\n        html: true\n        monospace: true\n", "", "at most one of monospace & html")]
    [InlineData("    wechat_configs:\n      - api_secret: s\n", "", "no global Wechat CorpID set")]
    [InlineData("    wechat_configs:\n      - api_secret: s\n        corp_id: c\n        message_type: html\n", "", "does not match valid options")]
    [InlineData("    telegram_configs:\n      - bot_token: t\n", "", "missing chat_id")]
    [InlineData("    telegram_configs:\n      - bot_token: t\n        chat_id: 1\n        parse_mode: BBCode\n", "", "unknown parse_mode")]
    [InlineData("    discord_configs:\n      - title: t\n", "", "one of webhook_url or webhook_url_file")]
    [InlineData("    msteams_configs:\n      - title: t\n", "", "one of webhook_url or webhook_url_file")]
    [InlineData("    msteamsv2_configs:\n      - webhook_url: http://a/\n        webhook_url_file: /f\n", "", "at most one of webhook_url & webhook_url_file")]
    [InlineData("    webex_configs:\n      - room_id: r\n", "", "missing webex_configs.http_config.authorization")]
    [InlineData("    webex_configs:\n      - http_config: {authorization: {credentials: t}}\n", "", "missing room_id")]
    [InlineData("    jira_configs:\n      - project: P\n        issue_type: Bug\n", "", "no global Jira Cloud URL set")]
    [InlineData("    jira_configs:\n      - api_url: http://j/\n        issue_type: Bug\n", "", "missing project")]
    [InlineData("    rocketchat_configs:\n      - token: t\n", "", "no global Rocketchat TokenID set")]
    [InlineData("    mattermost_configs:\n      - channel: c\n", "", "missing webhook_url or webhook_url_file")]
    [InlineData("    incidentio_configs:\n      - url: http://i/\n", "", "alert_source_token")]
    [InlineData("    sns_configs:\n      - topic_arn: a\n        phone_number: '1'\n", "", "must provide either a Target ARN, Topic ARN, or Phone Number")]
    [InlineData("    sns_configs:\n      - topic_arn: a\n        sigv4: {access_key: k}\n", "", "Access key and Secret Key")]
    [InlineData("    dingtalk_configs:\n      - message: m\n", "", "one of webhook_url or webhook_url_file")]
    [InlineData("    feishu_configs:\n      - webhook_url: http://f/\n        message_type: card\n", "", "invalid message_type \"card\"")]
    [InlineData("    wechat_robot_configs:\n      - webhook_url: http://w/\n        secret: s\n        secret_file: /f\n", "", "at most one of secret & secret_file")]
    [InlineData("    sms_configs:\n      - url: http://gw/\n", "", "to must list at least one phone number")]
    [InlineData("    voice_configs:\n      - to: ['+100']\n", "", "one of url or url_file")]
    [InlineData("    webhook_configs:\n      - url: http://a/\n        max_alert: 3\n", "", "field max_alert not found")]
    public void Receiver_entries_are_validated(string receiverYaml, string global, string reason)
    {
        var yaml = (global.Length > 0 ? "global:\n" + global : string.Empty) + "route:\n  receiver: r\nreceivers:\n  - name: r\n" + receiverYaml;
        var e = Reject(yaml);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Matches("^am\\.yml:[0-9]+:[0-9]+: ", e.Message);
    }

    [Fact]
    public void Webhooks_send_resolved_by_default_and_inherit_the_global_http_client()
    {
        var global = "  http_config:\n    follow_redirects: false\n";
        var inherited = Single<WebhookConfig>("    webhook_configs:\n      - url: http://hook/\n        max_alerts: 5\n        timeout: 10s\n", global);
        Assert.True(inherited.SendResolved);
        Assert.False(inherited.HttpConfig.FollowRedirects);
        Assert.False(inherited.HasOwnHttpConfig);
        Assert.Equal(5UL, inherited.MaxAlerts);
        Assert.Equal(TimeSpan.FromSeconds(10), inherited.Timeout);
        var own = Single<WebhookConfig>("    webhook_configs:\n      - url_file: /url\n        http_config: {basic_auth: {username: u, password: p}}\n", global);
        Assert.True(own.HttpConfig.FollowRedirects);
        Assert.NotNull(own.HttpConfig.BasicAuth);
        Assert.Equal("/url", own.UrlFile);
    }

    [Fact]
    public void Receivers_inherit_global_keys_and_urls()
    {
        var global = "  opsgenie_api_key_file: /og\n  victorops_api_key: vk\n  telegram_bot_token: tb\n  slack_api_url_file: /slack\n  wechat_api_secret: ws\n  wechat_api_corp_id: corp\n  jira_api_url: https://jira.example.com\n  mattermost_webhook_url: https://mm.example.com/hooks/x\n  rocketchat_token: rt\n  rocketchat_token_id: rid\n";
        var config = Load("global:\n" + global + "route:\n  receiver: r\nreceivers:\n  - name: r\n"
            + "    opsgenie_configs: [{api_url: 'https://og.example.com'}]\n    victorops_configs: [{routing_key: k}]\n    telegram_configs: [{chat_id: -100}]\n"
            + "    slack_configs: [{channel: '#c'}]\n    wechat_configs: [{}]\n    jira_configs: [{project: P, issue_type: Bug}]\n    mattermost_configs: [{}]\n    rocketchat_configs: [{}]\n"
            + "    pagerduty_configs: [{routing_key: rk, client: argus}]\n");
        var r = config.Receivers[0];
        var og = Assert.Single(r.Of<OpsGenieConfig>());
        Assert.Equal("/og", og.ApiKeyFile);
        Assert.Equal("https://og.example.com/", og.ApiUrl.Text);
        Assert.Equal("vk", Assert.Single(r.Of<VictorOpsConfig>()).ApiKey!.Value);
        var telegram = Assert.Single(r.Of<TelegramConfig>());
        Assert.Equal(-100, telegram.ChatId);
        Assert.Equal("tb", telegram.BotToken!.Value);
        Assert.Equal("HTML", telegram.ParseMode);
        Assert.Equal("/slack", Assert.Single(r.Of<SlackConfig>()).ApiUrlFile);
        var wechat = Assert.Single(r.Of<WechatConfig>());
        Assert.Equal(("ws", "corp", "text"), (wechat.ApiSecret!.Value, wechat.CorpId, wechat.MessageType));
        Assert.Equal("https://jira.example.com", Assert.Single(r.Of<JiraConfig>()).ApiUrl.Text);
        Assert.NotNull(Assert.Single(r.Of<MattermostConfig>()).WebhookUrl);
        Assert.Equal("rid", Assert.Single(r.Of<RocketchatConfig>()).TokenId!.Value);
        var pd = Assert.Single(r.Of<PagerdutyConfig>());
        Assert.Equal("argus", pd.Source);
        Assert.Equal(4, pd.Details.Count);
        Assert.Equal("https://events.pagerduty.com/v2/enqueue", pd.Url.Text);
    }

    [Fact]
    public void Argus_chat_and_phone_receivers_have_their_defaults()
    {
        var config = Load(Minimal
            + "    dingtalk_configs: [{webhook_url: 'https://oapi.dingtalk.com/robot/send?access_token=x', secret: s, at_mobiles: ['138']}]\n"
            + "    feishu_configs: [{webhook_url_file: /feishu}]\n"
            + "    wechat_robot_configs: [{webhook_url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', message_type: text}]\n"
            + "    sms_configs: [{url: 'http://sms.local/send', to: ['+8613800000000'], token_file: /t}]\n"
            + "    voice_configs: [{url: 'http://voice.local/call', to: ['+8613800000000'], send_resolved: true}]\n");
        var r = config.Receivers[0];
        var dingtalk = Assert.Single(r.Of<DingtalkConfig>());
        Assert.Equal("markdown", dingtalk.MessageType);
        Assert.True(dingtalk.SendResolved);
        Assert.Equal(["138"], dingtalk.AtMobiles);
        Assert.Equal("interactive", Assert.Single(r.Of<FeishuConfig>()).MessageType);
        Assert.Equal("text", Assert.Single(r.Of<WechatRobotConfig>()).MessageType);
        var sms = Assert.Single(r.Of<SmsConfig>());
        Assert.False(sms.SendResolved);
        Assert.Equal("/t", sms.TokenFile);
        Assert.True(Assert.Single(r.Of<VoiceConfig>()).SendResolved);
        Assert.Equal(5, r.Integrations.Count);
    }

    [Fact]
    public void Templates_are_resolved_against_the_file_directory_and_the_original_text_is_kept()
    {
        var yaml = Minimal + "templates: ['tmpl/*.tmpl', '/abs/*.tmpl']\ntracing:\n  endpoint: localhost:4317\n  insecure: true\n  sampling_fraction: 0.5\n";
        var config = AlertmanagerConfigLoader.Load(yaml, "am.yml", "/etc/argus");
        Assert.Equal(["/etc/argus/tmpl/*.tmpl", "/abs/*.tmpl"], config.Templates);
        Assert.Equal(yaml, config.Original);
        Assert.Equal(("localhost:4317", "grpc", 0.5), (config.Tracing!.Endpoint, config.Tracing.ClientType, config.Tracing.SamplingFraction));
    }

    [Fact]
    public void Load_file_reports_a_missing_file_as_a_config_error()
    {
        var e = Assert.Throws<ConfigException>(() => AlertmanagerConfigLoader.LoadFile("/nonexistent/argus/am.yml"));
        Assert.Contains("/nonexistent/argus/am.yml", e.Message, StringComparison.Ordinal);
    }
}
