using System.Runtime.CompilerServices;
using Argus.Alerting.Routing;
using Argus.Model.Labels;

namespace Argus.Alerting.Dispatch;

/// <summary>
/// What makes an aggregation group one group: its route (by reference; a reload builds new routes and a new
/// dispatcher) and its group labels (by content). The dispatcher files groups under it rather than under the group-key
/// text, which would be one more string of a hundred characters or more kept for every group, and built again for
/// every alert that arrives.
/// </summary>
internal readonly struct GroupIdentity(Route route, LabelSet labels) : IEquatable<GroupIdentity>
{
    public Route Route { get; } = route;

    public LabelSet Labels { get; } = labels;

    public bool Equals(GroupIdentity other) => ReferenceEquals(Route, other.Route) && Labels.Equals(other.Labels);

    public override bool Equals(object? obj) => obj is GroupIdentity other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Route), Labels.StableHash);
}
