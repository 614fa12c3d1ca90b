using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Robots;

/// <summary>
/// What the chat group robots (DingTalk, Feishu, WeCom) share: the webhook URL (inline or from a file), the
/// signing secret, expanding the title and message, one JSON POST, and a provider error code in a 200
/// answer. A kind supplies its body, signature and which error codes are rate limits (worth retrying).
/// </summary>
public abstract class RobotNotifier : HttpNotifier<RobotWebhookConfig>
{
    private protected RobotNotifier(RobotWebhookConfig config, HttpClient client, TimeProvider? time)
        : base(config, client)
    {
        Time = time ?? TimeProvider.System;
    }

    /// <summary>The clock that signatures are stamped with.</summary>
    private protected TimeProvider Time { get; }

    /// <summary>The JSON fields of the robot's error code in a response, in the order to look for them.</summary>
    private protected abstract string[] ErrorCodeFields { get; }

    /// <summary>Error codes that mean "sent too often": the message may pass later.</summary>
    private protected abstract IReadOnlySet<long> RateLimitCodes { get; }

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var webhook = ConfigValues.UrlOrFile(Config.WebhookUrl, Config.WebhookUrlFile, Integration + " webhook_url");
        var secret = ConfigValues.SecretOrFile(Config.Secret, Config.SecretFile, Integration + " secret");
        var (url, body) = Render(request, webhook, secret);
        var response = await HttpDelivery.PostJsonAsync(Client, ConfigValues.AbsoluteUrl(url, Integration + " webhook_url"), body, Integration, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        var code = JsonBodies.ReadCode(response, ErrorCodeFields);
        if (code is null or 0)
        {
            return;
        }
        var message = JsonBodies.ReadString(response, "errmsg") ?? JsonBodies.ReadString(response, "msg") ?? JsonBodies.ReadString(response, "StatusMessage") ?? response;
        throw new NotifyException($"{Integration}: the robot answered error {code}: {message}", RateLimitCodes.Contains(code.Value));
    }

    /// <summary>The URL to POST to (the webhook, signed when the kind signs in the URL) and the JSON body.</summary>
    internal (string Url, string Body) Render(NotificationRequest request, string webhook, string? secret)
    {
        var t = new TemplateExpander(request, Integration);
        return Build(webhook, secret, t.Expand("title", Config.Title), t.Expand("message", Config.Message));
    }

    private protected abstract (string Url, string Body) Build(string webhook, string? secret, string title, string message);

    /// <summary>A markdown message with the title as its heading.</summary>
    private protected static string MarkdownWithTitle(string title, string message) =>
        title.Length == 0 ? message : "### " + title + "\n\n" + message;

    /// <summary>A plain-text message with the title as its first line.</summary>
    private protected static string TextWithTitle(string title, string message) =>
        title.Length == 0 ? message : title + "\n" + message;
}
