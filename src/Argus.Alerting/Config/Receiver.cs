using Argus.Alerting.Config.Receivers;
using Argus.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Argus.Alerting.Config;

/// <summary>
/// A named receiver: the integrations a notification for it is sent through, grouped by kind in the
/// order the file lists them. A receiver without integrations is valid (it discards notifications).
/// </summary>
public sealed class Receiver
{
    private static readonly (string Key, string Type, Func<ReaderContext, YamlMap, NotifierConfig> Read)[] Kinds =
    [
        ("discord_configs", "config.DiscordConfig", DiscordConfig.Read),
        ("email_configs", "config.EmailConfig", EmailConfig.Read),
        ("incidentio_configs", "config.IncidentioConfig", IncidentioConfig.Read),
        ("pagerduty_configs", "config.PagerdutyConfig", PagerdutyConfig.Read),
        ("slack_configs", "config.SlackConfig", SlackConfig.Read),
        ("webhook_configs", "config.WebhookConfig", WebhookConfig.Read),
        ("opsgenie_configs", "config.OpsGenieConfig", OpsGenieConfig.Read),
        ("wechat_configs", "config.WechatConfig", WechatConfig.Read),
        ("pushover_configs", "config.PushoverConfig", PushoverConfig.Read),
        ("victorops_configs", "config.VictorOpsConfig", VictorOpsConfig.Read),
        ("sns_configs", "config.SNSConfig", SnsConfig.Read),
        ("telegram_configs", "config.TelegramConfig", TelegramConfig.Read),
        ("webex_configs", "config.WebexConfig", WebexConfig.Read),
        ("msteams_configs", "config.MSTeamsConfig", MSTeamsConfig.Read),
        ("msteamsv2_configs", "config.MSTeamsV2Config", MSTeamsV2Config.Read),
        ("jira_configs", "config.JiraConfig", JiraConfig.Read),
        ("rocketchat_configs", "config.RocketchatConfig", RocketchatConfig.Read),
        ("mattermost_configs", "config.MattermostConfig", MattermostConfig.Read),
        ("dingtalk_configs", "config.DingtalkConfig", DingtalkConfig.Read),
        ("feishu_configs", "config.FeishuConfig", FeishuConfig.Read),
        ("wechat_robot_configs", "config.WechatRobotConfig", WechatRobotConfig.Read),
        ("sms_configs", "config.SmsConfig", SmsConfig.Read),
        ("voice_configs", "config.VoiceConfig", VoiceConfig.Read),
    ];

    public Receiver(string name, IReadOnlyList<NotifierConfig> integrations)
    {
        Name = name;
        Integrations = integrations;
    }

    public string Name { get; }

    /// <summary>Every integration entry, kind by kind.</summary>
    public IReadOnlyList<NotifierConfig> Integrations { get; }

    /// <summary>The entries of one kind, e.g. <c>Of&lt;WebhookConfig&gt;()</c>.</summary>
    public IEnumerable<T> Of<T>()
        where T : NotifierConfig => Integrations.OfType<T>();

    /// <summary>The receiver keys Argus understands (<c>webhook_configs</c>, ...).</summary>
    public static IEnumerable<string> KindKeys => Kinds.Select(k => k.Key);

    internal static Receiver Read(ReaderContext ctx, YamlNode node)
    {
        var map = ctx.Source.Map(node, "config.Receiver");
        var name = map.String("name") ?? string.Empty;
        var integrations = new List<NotifierConfig>();
        foreach (var (key, type, read) in Kinds)
        {
            integrations.AddRange(map.List(key, "[]*" + type, n =>
            {
                if (YamlSource.IsNull(n))
                {
                    throw ctx.Source.Error(n, $"missing {key[..^"_configs".Length]} config");
                }
                return read(ctx, ctx.Source.Map(n, type));
            }));
        }
        map.EnsureAllRead();
        if (name.Length == 0)
        {
            throw map.Error("missing name in receiver");
        }
        return new Receiver(name, integrations);
    }
}
