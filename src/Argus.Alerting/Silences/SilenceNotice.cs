using Argus.Alerting.Alerts;
using Argus.Alerting.Routing;
using Argus.Model.Labels;

namespace Argus.Alerting.Silences;

/// <summary>
/// One silence-lifecycle notification to send: <see cref="Receiver"/> subscribed (through a route's
/// <c>silence_notifications</c>) to <see cref="Kind"/>, and <see cref="Silence"/> covers <see cref="Alerts"/> of
/// its routes. <see cref="Key"/> identifies the notification in the notification log, so it is sent once.
/// </summary>
public sealed record SilenceNotice
{
    public required string Receiver { get; init; }

    public required SilenceEventKind Kind { get; init; }

    public required Silence Silence { get; init; }

    /// <summary>The alerts of the subscribed routes the silence matches, sorted by labels.</summary>
    public required IReadOnlyList<Alert> Alerts { get; init; }

    /// <summary>The silence's equality matchers as labels (what templates see as group labels).</summary>
    public required LabelSet Labels { get; init; }

    /// <summary>When the event happened.</summary>
    public required DateTime At { get; init; }

    /// <summary>The notification-log group key: <c>silence/ID/created</c>, <c>silence/ID/expiring/END</c> (END in
    /// UTC ticks, so that extending a silence arms a new warning) or <c>silence/ID/expired</c>.</summary>
    public string Key => Kind switch
    {
        SilenceEventKind.Created => $"silence/{Silence.Id}/created",
        SilenceEventKind.Expiring => $"silence/{Silence.Id}/expiring/{Silence.EndsAt.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        _ => $"silence/{Silence.Id}/expired",
    };

    /// <summary>The API's name of the event (<c>created</c>, <c>expiring</c>, <c>expired</c>).</summary>
    public string KindName => Kind.ToString().ToLowerInvariant();
}
