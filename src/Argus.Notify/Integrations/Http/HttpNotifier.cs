using Argus.Alerting.Config.Receivers;
using Argus.Config;

namespace Argus.Notify.Integrations.Http;

/// <summary>
/// The common part of the integrations that deliver over HTTP: their configuration entry (which carries
/// <c>send_resolved</c>) and the shared client of its <c>http_config</c>. A leaf adds only rendering and delivery.
/// </summary>
public abstract class HttpNotifier<TConfig> : INotifier
    where TConfig : NotifierConfig
{
    private protected HttpNotifier(TConfig config, HttpClient client)
    {
        Config = config;
        Client = client;
    }

    public abstract string Integration { get; }

    public bool SendResolved => Config.SendResolved;

    private protected TConfig Config { get; }

    private protected HttpClient Client { get; }

    public abstract Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken);

    /// <summary>POSTs <paramref name="json"/> to the webhook given inline or in a file (read now); <paramref name="what"/>
    /// names the setting in errors. Returns the body of the 2xx answer.</summary>
    private protected Task<string> PostJsonToWebhookAsync(ConfigUrl? url, string? urlFile, string what, string json, CancellationToken cancellationToken,
        HttpRetryPolicy? policy = null, TimeSpan timeout = default)
    {
        var target = ConfigValues.AbsoluteUrl(ConfigValues.UrlOrFile(url, urlFile, what), what);
        return HttpDelivery.PostJsonAsync(Client, target, json, Integration, timeout, cancellationToken, policy: policy);
    }
}
