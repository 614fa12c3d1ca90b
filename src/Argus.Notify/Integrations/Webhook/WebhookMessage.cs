using System.Text.Json.Serialization;
using Argus.Alerting.Alerts;
using Argus.Templates.Alertmanager;

namespace Argus.Notify.Integrations.Webhook;

/// <summary>
/// Alertmanager's webhook body, version 4: the template data's fields followed by the version, the group key
/// and how many alerts <c>max_alerts</c> cut off, then Argus's <c>ackURL</c> and <c>silence</c> when they apply.
/// Property order is the JSON field order. incident.io's Alertmanager source takes the same shape as version 1.
/// </summary>
internal sealed class WebhookMessage
{
    public WebhookMessage(NotificationData data, string groupKey, int truncatedAlerts, string version = "4")
    {
        Version = version;
        Receiver = data.Receiver;
        Status = data.Status;
        Alerts = data.Alerts;
        GroupLabels = data.GroupLabels;
        CommonLabels = data.CommonLabels;
        CommonAnnotations = data.CommonAnnotations;
        ExternalURL = data.ExternalURL;
        GroupKey = groupKey;
        TruncatedAlerts = truncatedAlerts;
        AckURL = data.AckURL.Length > 0 ? data.AckURL : null;
        Silence = data.Silence;
    }

    /// <summary>The first <paramref name="maxAlerts"/> alerts (all when 0) and how many were left out.</summary>
    public static (IReadOnlyList<Alert> Alerts, int Truncated) Truncate(IReadOnlyList<Alert> alerts, ulong maxAlerts) =>
        maxAlerts > 0 && (ulong)alerts.Count > maxAlerts
            ? (alerts.Take((int)maxAlerts).ToList(), alerts.Count - (int)maxAlerts)
            : (alerts, 0);

    [JsonPropertyName("receiver")]
    public string Receiver { get; }

    [JsonPropertyName("status")]
    public string Status { get; }

    [JsonPropertyName("alerts")]
    public NotificationAlerts Alerts { get; }

    [JsonPropertyName("groupLabels")]
    public KV GroupLabels { get; }

    [JsonPropertyName("commonLabels")]
    public KV CommonLabels { get; }

    [JsonPropertyName("commonAnnotations")]
    public KV CommonAnnotations { get; }

    [JsonPropertyName("externalURL")]
    public string ExternalURL { get; }

    [JsonPropertyName("version")]
    public string Version { get; }

    [JsonPropertyName("groupKey")]
    public string GroupKey { get; }

    [JsonPropertyName("truncatedAlerts")]
    public int TruncatedAlerts { get; }

    /// <summary>Argus: the signed acknowledgement link, only when there is one (receivers ignore unknown fields).</summary>
    [JsonPropertyName("ackURL")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AckURL { get; }

    /// <summary>Argus: the silence of a silence-lifecycle notification, only for those.</summary>
    [JsonPropertyName("silence")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NotificationSilence? Silence { get; }
}
