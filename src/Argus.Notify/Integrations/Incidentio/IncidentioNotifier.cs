using System.Net.Http.Headers;
using System.Text.Json;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;
using Argus.Notify.Integrations.Webhook;
using Argus.Templates.Alertmanager;
using Argus.Templates.Formatting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Notify.Integrations.Incidentio;

/// <summary>
/// <c>incidentio_configs</c>: an incident.io Alertmanager alert source. The body is Alertmanager's webhook payload as
/// version "1" (the group key is incident.io's de-duplication key, <c>max_alerts</c> truncates), authorised with the
/// alert source token as a bearer token (or the entry's own <c>http_config.authorization</c>). Over 512 KiB only the
/// first alert is kept. 5xx and 429 are retried.
/// </summary>
public sealed class IncidentioNotifier : HttpNotifier<IncidentioConfig>
{
    private const int MaxPayloadBytes = 512 * 1024;

    private static readonly HttpRetryPolicy Retry = HttpRetryPolicy.ServerErrorsAnd(429);

    private readonly ILogger _logger;

    public IncidentioNotifier(IncidentioConfig config, HttpClient client, ILogger? logger = null)
        : base(config, client)
    {
        _logger = logger ?? NullLogger.Instance;
    }

    public override string Integration => "incidentio";

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Render(request);
        var token = ConfigValues.SecretOrFile(Config.AlertSourceToken, Config.AlertSourceTokenFile, "incidentio alert_source_token");
        var url = ConfigValues.AbsoluteUrl(ConfigValues.UrlOrFile(Config.Url, Config.UrlFile, "incidentio url"), "incidentio url");
        using var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        if (!string.IsNullOrEmpty(token))
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        await HttpDelivery.SendExplainedAsync(Client, message, Integration, Config.Timeout, Retry, e => ErrorDetails(e.Body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The payload for <paramref name="request"/> (Go's JSON encoding, trailing newline included).</summary>
    internal string Render(NotificationRequest request)
    {
        var (alerts, truncated) = WebhookMessage.Truncate(request.Alerts, Config.MaxAlerts);
        var data = TemplateExpander.CreateData(request, alerts);
        var json = GoJson.Marshal(new WebhookMessage(data, request.GroupKey, truncated, version: "1")) + "\n";
        var size = System.Text.Encoding.UTF8.GetByteCount(json);
        if (size > MaxPayloadBytes && data.Alerts.Count > 1)
        {
            // incident.io makes one alert of a group: the first alert carries what matters; the rest of the
            // payload (status, common labels) still describes the whole group, as Alertmanager sends it.
            var first = new NotificationData
            {
                Receiver = data.Receiver,
                Status = data.Status,
                Alerts = new NotificationAlerts([data.Alerts[0]]),
                GroupLabels = data.GroupLabels,
                CommonLabels = data.CommonLabels,
                CommonAnnotations = data.CommonAnnotations,
                ExternalURL = data.ExternalURL,
            };
            json = GoJson.Marshal(new WebhookMessage(first, request.GroupKey, truncated, version: "1")) + "\n";
            _logger.LogWarning("incident.io payload for {GroupKey} was {Size} bytes, over {Limit}: only its first alert is sent ({Final} bytes)",
                request.GroupKey, size, MaxPayloadBytes, System.Text.Encoding.UTF8.GetByteCount(json));
        }
        return json;
    }

    /// <summary>incident.io's error answer: <c>message</c>, <c>error</c> and <c>errors</c> joined.</summary>
    private static string? ErrorDetails(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var parts = new List<string>();
            foreach (var name in (string[])["message", "error"])
            {
                if (doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } text)
                {
                    parts.Add(text);
                }
            }
            if (doc.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                parts.Add(string.Join(", ", errors.EnumerateArray().Select(e => e.ToString())));
            }
            return parts.Count == 0 ? null : string.Join(": ", parts);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
