using Argus.Alerting.Config;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Discord;
using Argus.Notify.Integrations.Email;
using Argus.Notify.Integrations.Http;
using Argus.Notify.Integrations.Phone;
using Argus.Notify.Integrations.Robots;
using Argus.Notify.Integrations.Slack;
using Argus.Notify.Integrations.Telegram;
using Argus.Notify.Integrations.Webhook;
using Argus.Notify.Integrations.Wechat;

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

    public NotifierFactory(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Whether Argus can deliver through this kind of integration.</summary>
    public static bool IsSupported(NotifierConfig config) => config is WebhookConfig or SlackConfig or WechatConfig
        or DingtalkConfig or FeishuConfig or WechatRobotConfig or PhoneGatewayConfig or EmailConfig or TelegramConfig or DiscordConfig;

    /// <summary>One notifier per integration entry of <paramref name="receiver"/>, in the receiver's order.</summary>
    /// <exception cref="NotSupportedException">The receiver uses a kind Argus cannot deliver through yet
    /// (see <see cref="IsSupported"/>); the message names the receiver, the kind and its line.</exception>
    public IReadOnlyList<INotifier> Create(Receiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return receiver.Integrations.Select(c => Create(receiver.Name, c)).ToList();
    }

    private INotifier Create(string receiver, NotifierConfig config) => config switch
    {
        WebhookConfig c => new WebhookNotifier(c, _clients.For(c.HttpConfig)),
        SlackConfig c => new SlackNotifier(c, _clients.For(c.HttpConfig)),
        WechatConfig c => new WechatNotifier(c, _clients.For(c.HttpConfig), _time),
        DingtalkConfig c => new DingtalkNotifier(c, _clients.For(c.HttpConfig), _time),
        FeishuConfig c => new FeishuNotifier(c, _clients.For(c.HttpConfig), _time),
        WechatRobotConfig c => new WechatRobotNotifier(c, _clients.For(c.HttpConfig), _time),
        PhoneGatewayConfig c => new PhoneGatewayNotifier(c, _clients.For(c.HttpConfig)),
        EmailConfig c => new EmailNotifier(c, _time),
        TelegramConfig c => new TelegramNotifier(c, _clients.For(c.HttpConfig)),
        DiscordConfig c => new DiscordNotifier(c, _clients.For(c.HttpConfig)),
        _ => throw new NotSupportedException($"receiver \"{receiver}\": {config.Kind} (line {config.Line}) is not supported by Argus yet"),
    };

    public void Dispose() => _clients.Dispose();
}
