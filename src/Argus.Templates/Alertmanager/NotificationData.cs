using System.Text;
using System.Text.Json.Serialization;

namespace Argus.Templates.Alertmanager;

/// <summary>
/// The data of notification templates and webhook bodies (Alertmanager's <c>template.Data</c>).
/// <see cref="Create"/> derives status and common labels/annotations the way Alertmanager does.
/// </summary>
public sealed class NotificationData
{
    [JsonPropertyName("receiver")]
    public required string Receiver { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("alerts")]
    public required NotificationAlerts Alerts { get; init; }

    [JsonPropertyName("groupLabels")]
    public required KV GroupLabels { get; init; }

    [JsonPropertyName("commonLabels")]
    public required KV CommonLabels { get; init; }

    [JsonPropertyName("commonAnnotations")]
    public required KV CommonAnnotations { get; init; }

    [JsonPropertyName("externalURL")]
    public required string ExternalURL { get; init; }

    /// <summary>Argus: the signed link that acknowledges the group, empty when there is none. Not part of
    /// Alertmanager's data, so left out of its JSON shape.</summary>
    [JsonIgnore]
    public string AckURL { get; init; } = string.Empty;

    /// <summary>Argus: the escalation step of this notification (1 for the first), 0 for the route's own.</summary>
    [JsonIgnore]
    public int EscalationStep { get; init; }

    /// <summary>Argus: the silence of a silence-lifecycle notification, null for alert notifications.</summary>
    [JsonIgnore]
    public NotificationSilence? Silence { get; init; }

    /// <summary>
    /// Builds the data for one notification: status is <c>firing</c> when any alert fires, common
    /// labels/annotations are those equal in every alert, and the receiver name is regex-quoted as
    /// Alertmanager does (<c>regexp.QuoteMeta</c>).
    /// </summary>
    public static NotificationData Create(string receiver, IReadOnlyDictionary<string, string> groupLabels, IReadOnlyList<NotificationAlert> alerts, string externalUrl)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        return new NotificationData
        {
            Receiver = QuoteMeta(receiver),
            Status = alerts.Any(a => a.Status == "firing") ? "firing" : "resolved",
            Alerts = new NotificationAlerts(alerts),
            GroupLabels = new KV(groupLabels),
            CommonLabels = Common(alerts.Select(a => a.Labels).ToList()),
            CommonAnnotations = Common(alerts.Select(a => a.Annotations).ToList()),
            ExternalURL = externalUrl,
        };
    }

    private static KV Common(List<KV> sets)
    {
        if (sets.Count == 0)
        {
            return KV.Empty;
        }
        IReadOnlyDictionary<string, string> first = sets[0];
        return new KV(first.Where(e => sets.Skip(1).All(s => ((IReadOnlyDictionary<string, string>)s).TryGetValue(e.Key, out var v) && v == e.Value)));
    }

    /// <summary>Go's <c>regexp.QuoteMeta</c>.</summary>
    public static string QuoteMeta(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
