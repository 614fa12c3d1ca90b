using Argus.Alerting.Alerts;
using Argus.Alerting.Routing;
using Argus.Model.Labels;

namespace Argus.Alerting.Dispatch;

/// <summary>One flush of an aggregation group, as the dispatcher hands it to the notification pipeline.</summary>
public sealed class GroupNotification
{
    /// <summary>The route the group belongs to (receiver, timing, time intervals).</summary>
    public required Route Route { get; init; }

    /// <summary>Alertmanager's group key: the route key, <c>:</c>, and the group labels, e.g.
    /// <c>{}/{team="db"}:{alertname="DiskFull"}</c>. Stable across restarts.</summary>
    public required string GroupKey { get; init; }

    public required LabelSet GroupLabels { get; init; }

    /// <summary>The group's alerts at the flush, firing and resolved, sorted by labels.</summary>
    public required IReadOnlyList<Alert> Alerts { get; init; }

    /// <summary>The moment of the flush.</summary>
    public required DateTime Now { get; init; }

    /// <summary>The next flush of the group; retries of this notification stop there.</summary>
    public required DateTime Deadline { get; init; }

    /// <summary>A regular flush, or one for an escalation step that fell due in between.</summary>
    public FlushKind Kind { get; init; } = FlushKind.Regular;

    /// <summary>The group's stable id (<see cref="Groups.GroupId"/>).</summary>
    public string GroupId => Groups.GroupId.Of(GroupKey);
}
