using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;
using Argus.Templates.Formatting;

namespace Argus.Notify.Integrations.Webhook;

/// <summary>
/// <c>webhook_configs</c>: POSTs Alertmanager's webhook JSON (version 4) to the configured URL, or to the URL
/// in <c>url_file</c> read at send time. With <c>max_alerts</c> only the first alerts are sent and
/// <c>truncatedAlerts</c> says how many were left out; the status and common labels describe what is sent.
/// </summary>
public sealed class WebhookNotifier : INotifier
{
    private readonly WebhookConfig _config;
    private readonly HttpClient _client;

    public WebhookNotifier(WebhookConfig config, HttpClient client)
    {
        _config = config;
        _client = client;
    }

    public string Integration => "webhook";

    public bool SendResolved => _config.SendResolved;

    public async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Render(request);
        var url = ConfigValues.AbsoluteUrl(ConfigValues.UrlOrFile(_config.Url, _config.UrlFile, "webhook url"), "webhook url");
        await HttpDelivery.PostJsonAsync(_client, url, body, Integration, _config.Timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The JSON body for <paramref name="request"/>, with a trailing newline as Go's JSON encoder writes it.</summary>
    internal string Render(NotificationRequest request)
    {
        var alerts = request.Alerts;
        var truncated = 0;
        if (_config.MaxAlerts > 0 && (ulong)alerts.Count > _config.MaxAlerts)
        {
            truncated = alerts.Count - (int)_config.MaxAlerts;
            alerts = alerts.Take((int)_config.MaxAlerts).ToList();
        }
        var data = TemplateExpander.CreateData(request, alerts);
        return GoJson.Marshal(new WebhookMessage(data, request.GroupKey, truncated)) + "\n";
    }
}
