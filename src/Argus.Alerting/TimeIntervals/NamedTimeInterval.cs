namespace Argus.Alerting.TimeIntervals;

/// <summary>An entry of <c>time_intervals</c> (or the deprecated <c>mute_time_intervals</c>): a name
/// that routes refer to, and specifications of which any one may contain an instant.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class NamedTimeInterval(string name, IReadOnlyList<TimeInterval> intervals)
{
    public string Name { get; } = name;

    public IReadOnlyList<TimeInterval> Intervals { get; } = intervals;

    /// <summary>True when any specification contains <paramref name="instant"/>; an entry without
    /// specifications contains nothing.</summary>
    public bool Contains(DateTimeOffset instant) => Intervals.Any(i => i.Contains(instant));
}
