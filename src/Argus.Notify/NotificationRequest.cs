using Argus.Alerting.Alerts;
using Argus.Alerting.Silences;
using Argus.Model.Labels;
using Argus.Templates.Alertmanager;

namespace Argus.Notify;

/// <summary>Everything an integration needs to render and deliver one notification for an aggregation group.</summary>
public sealed class NotificationRequest
{
    /// <summary>The receiver's name from the configuration.</summary>
    public required string Receiver { get; init; }

    /// <summary>The aggregation group's key (route path plus group labels), stable across restarts; integrations
    /// that de-duplicate on the provider side (e.g. PagerDuty's dedup key) derive their key from it.</summary>
    public required string GroupKey { get; init; }

    /// <summary>The labels the route groups by, with their values for this group.</summary>
    public required LabelSet GroupLabels { get; init; }

    /// <summary>The alerts to report, firing and resolved, already filtered by the pipeline (silenced and
    /// inhibited alerts removed, resolved ones removed when the integration does not send them).</summary>
    public required IReadOnlyList<Alert> Alerts { get; init; }

    /// <summary>The Alertmanager's external URL (<c>--web.external-url</c>), for links in messages.</summary>
    public required Uri ExternalUrl { get; init; }

    /// <summary>The default and user templates that text fields are expanded against.</summary>
    public required AlertmanagerTemplates Templates { get; init; }

    /// <summary>The moment of sending; an alert whose <see cref="Alert.EndsAt"/> is not after it is resolved.</summary>
    public required DateTime Now { get; init; }

    /// <summary>Argus: the signed link that acknowledges the group (<c>.AckURL</c> in templates); null when there is
    /// nothing to acknowledge (nothing fires) or links are not available.</summary>
    public string? AckUrl { get; init; }

    /// <summary>Argus: the escalation step this notification is (1 for the first step), 0 for the route's own.</summary>
    public int EscalationStep { get; init; }

    /// <summary>Argus: set when this is a silence-lifecycle notification rather than an alert notification;
    /// <see cref="Alerts"/> are then the alerts the silence covers.</summary>
    public SilenceNotice? Silence { get; init; }
}
