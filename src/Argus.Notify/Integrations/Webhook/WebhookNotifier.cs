using System.Text;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Webhook;

/// <summary>
/// <c>webhookConfigs</c>: POSTs Alertmanager's webhook JSON (version 4) to the configured URL, or to the URL
/// in <c>url_file</c> read at send time. With <c>max_alerts</c> only the first alerts are sent and
/// <c>truncatedAlerts</c> says how many were left out; the status and common labels describe what is sent.
/// </summary>
public sealed class WebhookNotifier : HttpNotifier<WebhookConfig>
{
    // The configured URL parsed once, not per notification (a mass flush sends thousands); url_file is read at every
    // send instead, so that a rotated secret URL takes effect without a reload.
    private Uri? _inlineUrl;

    public WebhookNotifier(WebhookConfig config, HttpClient client)
        : base(config, client)
    {
    }

    public override string Integration => "webhook";

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var body = RenderBody(request);
        var url = string.IsNullOrEmpty(Config.UrlFile)
            ? _inlineUrl ??= ConfigValues.AbsoluteUrl(ConfigValues.UrlOrFile(Config.Url, null, "webhook url"), "webhook url")
            : ConfigValues.AbsoluteUrl(ConfigValues.UrlOrFile(Config.Url, Config.UrlFile, "webhook url"), "webhook url");
        await HttpDelivery.PostJsonAsync(Client, url, body.Written, Integration, Config.Timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The JSON body for <paramref name="request"/>, with a trailing newline as Go's JSON encoder writes it.</summary>
    internal string Render(NotificationRequest request)
    {
        using var body = RenderBody(request);
        return Encoding.UTF8.GetString(body.Written.Span);
    }

    private WebhookJsonWriter RenderBody(NotificationRequest request)
    {
        var (alerts, truncated) = WebhookMessage.Truncate(request.Alerts, Config.MaxAlerts);
        return WebhookJsonWriter.Write(request, alerts, truncated, version: "4");
    }
}
