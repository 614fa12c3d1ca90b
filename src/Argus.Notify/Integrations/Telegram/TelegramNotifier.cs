using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Telegram;

/// <summary>
/// <c>telegramConfigs</c>: the Bot API's <c>sendMessage</c> at <c>{api_url}/bot{token}/sendMessage</c> with the
/// chat id, optional forum thread, parse mode and silent flag. Telegram rejects texts over 4096 characters,
/// so longer messages are cut with an ellipsis, as Alertmanager does. An answer of <c>ok: false</c> with a 2xx
/// status is not retried.
/// </summary>
public sealed class TelegramNotifier : HttpNotifier<TelegramConfig>
{
    private const int MaxMessageLength = 4096;


    public TelegramNotifier(TelegramConfig config, HttpClient client)
        : base(config, client)
    {
    }

    public override string Integration => "telegram";

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Render(request);
        var token = ConfigValues.SecretOrFile(Config.BotToken, Config.BotTokenFile, "telegram bot_token")
            ?? throw new NotifyException("telegram: no bot_token configured", retryable: false);
        var url = ConfigValues.AbsoluteUrl(Config.ApiUrl.Text.TrimEnd('/') + "/bot" + token + "/sendMessage", "telegram api_url");
        var response = await HttpDelivery.PostJsonAsync(Client, url, body, Integration, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        if (JsonBodies.ReadBool(response, "ok") == false)
        {
            throw new NotifyException($"{Integration}: Telegram refused the message: {JsonBodies.ReadString(response, "description") ?? response}", retryable: false);
        }
    }

    /// <summary>The sendMessage body for <paramref name="request"/>.</summary>
    internal string Render(NotificationRequest request)
    {
        var t = new TemplateExpander(request, Integration);
        var text = t.Expand("message", Config.Message);
        if (text.Length > MaxMessageLength)
        {
            text = text[..(MaxMessageLength - 1)] + "…";
        }
        var body = new JsonObject { ["chat_id"] = Config.ChatId };
        if (Config.MessageThreadId != 0)
        {
            body["message_thread_id"] = Config.MessageThreadId;
        }
        body["text"] = text;
        body.AddIfNotEmpty("parse_mode", Config.ParseMode);
        if (Config.DisableNotifications)
        {
            body["disable_notification"] = true;
        }
        return JsonBodies.Write(body);
    }
}
