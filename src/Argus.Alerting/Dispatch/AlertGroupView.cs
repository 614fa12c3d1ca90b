using Argus.Alerting.Alerts;
using Argus.Alerting.Groups;
using Argus.Alerting.Routing;
using Argus.Model.Labels;

namespace Argus.Alerting.Dispatch;

/// <summary>A point-in-time copy of one aggregation group.</summary>
public sealed record AlertGroupView(Route Route, LabelSet Labels, string Key, IReadOnlyList<Alert> Alerts)
{
    /// <summary>The group's stable id (<see cref="GroupId.Of"/> of <see cref="Key"/>).</summary>
    public string Id { get; } = GroupId.Of(Key);
}
