using Argus.Templates.Alertmanager;

namespace Argus.Notify.Integrations.Phone;

/// <summary>
/// What the templates of a phone provider (the http gateway's URL, method, headers and body; Alibaba Cloud's
/// template parameters) see: the notification data (<c>.Status</c>, <c>.Alerts</c>, <c>.CommonLabels</c>, …) plus the
/// group key, the rendered <c>.Message</c>, the numbers of this request (<c>.To</c>; <c>.Recipient</c> when it goes to
/// one number) and the caller id <c>.From</c>.
/// </summary>
public sealed class PhoneTemplateData
{
    public PhoneTemplateData(NotificationData data, string groupKey, string message, IReadOnlyList<string> to, string from)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(to);
        Receiver = data.Receiver;
        Status = data.Status;
        Alerts = data.Alerts;
        GroupLabels = data.GroupLabels;
        CommonLabels = data.CommonLabels;
        CommonAnnotations = data.CommonAnnotations;
        ExternalURL = data.ExternalURL;
        GroupKey = groupKey;
        Message = message;
        To = to;
        Recipient = to.Count == 1 ? to[0] : string.Empty;
        From = from;
    }

    public string Receiver { get; }

    public string Status { get; }

    public NotificationAlerts Alerts { get; }

    public KV GroupLabels { get; }

    public KV CommonLabels { get; }

    public KV CommonAnnotations { get; }

    public string ExternalURL { get; }

    public string GroupKey { get; }

    /// <summary>The entry's <c>message</c>, rendered.</summary>
    public string Message { get; }

    /// <summary>The numbers this request goes to (those within their rate limit).</summary>
    public IReadOnlyList<string> To { get; }

    /// <summary>The one number of a per-recipient request, else empty.</summary>
    public string Recipient { get; }

    public string From { get; }
}
