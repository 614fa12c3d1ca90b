using System.Globalization;
using System.Text.Json;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations;
using Argus.Notify.Integrations.Templates;
using Argus.Templates.Alertmanager;

namespace Argus.Notify.Tests;

public sealed class DefaultTemplatesTests
{
    private static readonly string Samples = Path.Combine(ConformancePaths.Root, "alertmanager", "samples-am-0.25");

    private const string FiringList =
        "Labels:\n - alertname = HighLatency\n - instance = 10.0.0.1:9100\n - job = api\n - severity = page\n" +
        "Annotations:\n - summary = High latency on 10.0.0.1:9100\nSource: http://prometheus.example/graph?g0.expr=latency%3E1\n" +
        "Labels:\n - alertname = HighLatency\n - instance = 10.0.0.2:9100\n - job = api\n - severity = page\n" +
        "Annotations:\n - summary = High latency on 10.0.0.2:9100\nSource: \n";

    private const string ResolvedList =
        "Labels:\n - alertname = HighLatency\n - instance = 10.0.0.1:9100\n - job = api\n - severity = page\n" +
        "Annotations:\n - summary = High latency on 10.0.0.1:9100\nSource: \n";

    /// <summary>What Alertmanager 0.25's own templates render for the recorded notifications; Argus's
    /// independently written defaults must render the same text for the names both define.</summary>
    public static TheoryData<string, string, string> AlertmanagerRenderings => new()
    {
        { "webhook-firing.json", "__subject", "[FIRING:2] HighLatency api (page)" },
        { "webhook-resolved.json", "__subject", "[RESOLVED] HighLatency api (10.0.0.1:9100 page)" },
        { "webhook-firing.json", "slack.default.title", "[FIRING:2] HighLatency api (page)" },
        { "webhook-firing.json", "slack.default.titlelink", "http://127.0.0.1:19093/#/alerts?receiver=hook" },
        { "webhook-firing.json", "slack.default.fallback", "[FIRING:2] HighLatency api (page) | http://127.0.0.1:19093/#/alerts?receiver=hook" },
        { "webhook-firing.json", "slack.default.color", "danger" },
        { "webhook-firing.json", "slack.default.username", "Alertmanager" },
        { "webhook-firing.json", "pagerduty.default.instances", FiringList },
        { "webhook-firing.json", "opsgenie.default.description", "\nAlerts Firing:\n" + FiringList + "\n" },
        { "webhook-firing.json", "pushover.default.message", "\n\nAlerts Firing:\n" + FiringList + "\n\n\n" },
        { "webhook-firing.json", "jira.default.priority", string.Empty },
        { "webhook-resolved.json", "mattermost.default.color", "good" },
        { "webhook-resolved.json", "opsgenie.default.description", "High latency on 10.0.0.1:9100\n\nAlerts Resolved:\n" + ResolvedList },
        {
            "webhook-resolved.json", "wechat.default.message",
            "[RESOLVED] HighLatency api (10.0.0.1:9100 page)\nHigh latency on 10.0.0.1:9100\n\nAlerts Resolved:\n" + ResolvedList +
            "\nAlertmanagerUrl:\nhttp://127.0.0.1:19093/#/alerts?receiver=hook"
        },
    };

    [Theory]
    [MemberData(nameof(AlertmanagerRenderings))]
    public void Default_templates_render_what_alertmanager_renders(string sample, string template, string expected)
    {
        var templates = DefaultTemplates.Create([]);
        var data = LoadSample(sample);
        var argument = template.StartsWith("__text_alert_list", StringComparison.Ordinal) || template == "pagerduty.default.instances"
            ? (object)data.Alerts.Firing()
            : data;
        Assert.Equal(expected, templates.ExecuteTemplate(template, argument));
    }

    [Fact]
    public void Every_name_an_integration_defaults_to_is_defined()
    {
        var defined = DefaultTemplates.Create([]).TemplateNames.ToHashSet();
        string[] referenced =
        [
            new EmailConfig { To = "a@x", From = "b@x", Hello = "h", Smarthost = "h:25" }.Html,
            new DingtalkConfig().Title, new DingtalkConfig().Message,
            new FeishuConfig().Title, new FeishuConfig().Message,
            new WechatRobotConfig().Title, new WechatRobotConfig().Message,
            new SmsConfig().Message, new VoiceConfig().Message,
            new SlackConfig().Title, new SlackConfig().Text, new SlackConfig().Username, new SlackConfig().Fallback,
            new SlackConfig().TitleLink, new SlackConfig().Pretext, new SlackConfig().Footer, new SlackConfig().CallbackId,
            new SlackConfig().IconEmoji, new SlackConfig().IconUrl,
            new WechatConfig { CorpId = "c", ApiUrl = Argus.Config.ConfigUrl.Parse("http://x/") }.Message,
        ];
        var extra = new[] { "email.default.subject", "email.default.text", "__text_alert_list", "__description", "wechat.default.to_user", "wechat.default.agent_id" };
        foreach (var name in referenced.Select(r => r.Split('"')[1]).Concat(extra))
        {
            Assert.Contains(name, defined);
        }
    }

    [Fact]
    public void Argus_channel_templates_render_short_texts_for_chat_and_phone()
    {
        var request = TestNotifications.Request(secondResolved: true);
        var t = new TemplateExpander(request, "test");
        Assert.Equal(
            "**Firing (1)**\n\n- High latency on 10.0.0.1:9100\n\n**Resolved (1)**\n\n- High latency on 10.0.0.2:9100\n\n[View in Alertmanager](http://am.example:9093/#/alerts?receiver=team)",
            t.Expand("message", "{{ template \"dingtalk.default.message\" . }}"));
        Assert.Equal(
            "[FIRING:1] HighLatency api (page)\n- High latency on 10.0.0.1:9100\n- High latency on 10.0.0.2:9100\n",
            t.Expand("message", "{{ template \"sms.default.message\" . }}"));
        Assert.Equal("1 alert firing for HighLatency api.", t.Expand("message", "{{ template \"voice.default.message\" . }}"));
        Assert.Equal("[FIRING:1] HighLatency api (page)", t.Expand("subject", "{{ template \"email.default.subject\" . }}"));
    }

    [Fact]
    public void A_user_template_file_overrides_a_default_name()
    {
        var templates = DefaultTemplates.Create([("mine.tmpl", "{{ define \"__subject\" }}custom {{ .Status }}{{ end }}")]);
        Assert.Equal("custom firing", templates.ExecuteTemplate("slack.default.title", LoadSample("webhook-firing.json")));
    }

    [Fact]
    public void Template_data_reports_status_fingerprints_and_hides_a_firing_alerts_end()
    {
        var data = new TemplateExpander(TestNotifications.Request(secondResolved: true), "test").Data;
        Assert.Equal("firing", data.Status);
        Assert.Equal("http://am.example:9093", data.ExternalURL);
        var alerts = data.Alerts.ToList();
        Assert.Equal(["firing", "resolved"], alerts.Select(a => a.Status));
        // Alertmanager 0.25 printed these fingerprints for the same label sets (samples-am-0.25).
        Assert.Equal(["5829969394cdc520", "71323caa785306fd"], alerts.Select(a => a.Fingerprint));
        Assert.Equal(DateTimeOffset.MinValue, alerts[0].EndsAt);
        Assert.Equal(new DateTimeOffset(TestNotifications.StartsAt.AddMinutes(5)), alerts[1].EndsAt);
        Assert.Equal(["alertname", "job", "severity"], ((IReadOnlyDictionary<string, string>)data.CommonLabels).Keys.Order());
    }

    [Fact]
    public void A_broken_template_is_a_non_retryable_error_naming_the_field()
    {
        var expander = new TemplateExpander(TestNotifications.Request(), "slack");
        var error = Assert.Throws<NotifyException>(() => expander.Expand("title", "{{ template \"no.such\" . }}"));
        Assert.False(error.Retryable);
        Assert.Contains("slack: expanding template of title", error.Message, StringComparison.Ordinal);
    }

    private static NotificationData LoadSample(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Samples, file)));
        var root = doc.RootElement;
        static KV Kv(JsonElement e) => new(e.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)));
        static DateTimeOffset Time(JsonElement e) => DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture);
        var alerts = root.GetProperty("alerts").EnumerateArray().Select(a => new NotificationAlert
        {
            Status = a.GetProperty("status").GetString()!,
            Labels = Kv(a.GetProperty("labels")),
            Annotations = Kv(a.GetProperty("annotations")),
            StartsAt = Time(a.GetProperty("startsAt")),
            EndsAt = Time(a.GetProperty("endsAt")),
            GeneratorURL = a.GetProperty("generatorURL").GetString()!,
            Fingerprint = a.GetProperty("fingerprint").GetString()!,
        }).ToList();
        return NotificationData.Create(root.GetProperty("receiver").GetString()!, Kv(root.GetProperty("groupLabels")), alerts, root.GetProperty("externalURL").GetString()!);
    }
}
