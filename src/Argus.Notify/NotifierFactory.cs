using System.Collections.Concurrent;
using Argus.Alerting.Config;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Discord;
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
using Argus.Notify.Integrations.Telegram;
using Argus.Notify.Integrations.Victorops;
using Argus.Notify.Integrations.Webex;
using Argus.Notify.Integrations.Webhook;
using Argus.Notify.Integrations.Wechat;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Notify;

/// <summary>
/// Builds the integrations of a receiver from its parsed configuration (global defaults are already merged
/// into each entry by the config loader). Integrations with the same <c>http_config</c> object share one
/// <see cref="HttpClient"/>. Create one factory per loaded configuration and dispose it (closing the
/// clients) when that configuration is replaced. Thread-safe.
/// </summary>
public sealed class NotifierFactory : IDisposable
{
    private readonly NotifierHttpClients _clients = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>State an entry keeps across configuration reloads (SMS/voice rate limits, Slack messages to update),
    /// by receiver, kind and position.</summary>
    private readonly ConcurrentDictionary<string, object> _entryState = new(StringComparer.Ordinal);

    public NotifierFactory(TimeProvider? time = null, ILogger? logger = null)
    {
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Counters of the SMS and voice integrations (messages dropped by rate limits).</summary>
    public PhoneDeliveryStats PhoneStats { get; } = new();

    /// <summary>Whether Argus can deliver through this kind of integration (every kind the loader reads).</summary>
    public static bool IsSupported(NotifierConfig config) => config is WebhookConfig or SlackConfig or WechatConfig
        or DingtalkConfig or FeishuConfig or WechatRobotConfig or PhoneGatewayConfig or EmailConfig or TelegramConfig or DiscordConfig
        or PagerdutyConfig or OpsGenieConfig or VictorOpsConfig or PushoverConfig or MSTeamsConfig or MSTeamsV2Config or WebexConfig
        or MattermostConfig or RocketchatConfig or JiraConfig or IncidentioConfig or SnsConfig;

    /// <summary>One notifier per integration entry of <paramref name="receiver"/>, in the receiver's order.</summary>
    /// <exception cref="NotSupportedException">The receiver uses a kind Argus cannot deliver through yet
    /// (see <see cref="IsSupported"/>); the message names the receiver, the kind and its line.</exception>
    public IReadOnlyList<INotifier> Create(Receiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        return receiver.Integrations.Select(c =>
        {
            var position = positions[c.Kind] = positions.GetValueOrDefault(c.Kind, -1) + 1;
            return Create(receiver.Name, c, position);
        }).ToList();
    }

    private INotifier Create(string receiver, NotifierConfig config, int position) => config switch
    {
        WebhookConfig c => new WebhookNotifier(c, _clients.For(c.HttpConfig)),
        SlackConfig c => new SlackNotifier(c, _clients.For(c.HttpConfig), EntryState<SlackMessageRefs>(receiver, c, position)),
        WechatConfig c => new WechatNotifier(c, _clients.For(c.HttpConfig), _time),
        DingtalkConfig c => new DingtalkNotifier(c, _clients.For(c.HttpConfig), _time),
        FeishuConfig c => new FeishuNotifier(c, _clients.For(c.HttpConfig), _time),
        WechatRobotConfig c => new WechatRobotNotifier(c, _clients.For(c.HttpConfig), _time),
        PhoneGatewayConfig c => CreatePhone(receiver, c, position),
        EmailConfig c => new EmailNotifier(c, _time),
        TelegramConfig c => new TelegramNotifier(c, _clients.For(c.HttpConfig)),
        DiscordConfig c => new DiscordNotifier(c, _clients.For(c.HttpConfig)),
        PagerdutyConfig c => new PagerdutyNotifier(c, _clients.For(c.HttpConfig), _logger),
        OpsGenieConfig c => new OpsgenieNotifier(c, _clients.For(c.HttpConfig)),
        VictorOpsConfig c => new VictoropsNotifier(c, _clients.For(c.HttpConfig)),
        PushoverConfig c => new PushoverNotifier(c, _clients.For(c.HttpConfig)),
        MSTeamsConfig c => new TeamsNotifier(c, _clients.For(c.HttpConfig)),
        MSTeamsV2Config c => new TeamsV2Notifier(c, _clients.For(c.HttpConfig)),
        WebexConfig c => new WebexNotifier(c, _clients.For(c.HttpConfig)),
        MattermostConfig c => new MattermostNotifier(c, _clients.For(c.HttpConfig), _logger),
        RocketchatConfig c => new RocketchatNotifier(c, _clients.For(c.HttpConfig)),
        JiraConfig c => new JiraNotifier(c, _clients.For(c.HttpConfig)),
        IncidentioConfig c => new IncidentioNotifier(c, _clients.For(c.HttpConfig), _logger),
        SnsConfig c => new SnsNotifier(c, _clients.For(c.HttpConfig), _time),
        _ => throw new NotSupportedException($"receiver \"{receiver}\": {config.Kind} (line {config.Line}) is not supported by Argus yet"),
    };

    private PhoneNotifier CreatePhone(string receiver, PhoneGatewayConfig config, int position)
    {
        var context = new PhoneContext(EntryState<PhoneRateLimiter>(receiver, config, position), PhoneStats, _logger, _time);
        var client = _clients.For(config.HttpConfig);
        return config.Provider switch
        {
            "twilio" => new TwilioPhoneNotifier(config, client, context),
            "aliyun" => new AliyunPhoneNotifier(config, client, context),
            _ => new HttpGatewayPhoneNotifier(config, client, context),
        };
    }

    private T EntryState<T>(string receiver, NotifierConfig config, int position)
        where T : class, new() =>
        (T)_entryState.GetOrAdd($"{receiver}\n{config.Kind}\n{position}\n{typeof(T).Name}", _ => new T());

    public void Dispose() => _clients.Dispose();
}
