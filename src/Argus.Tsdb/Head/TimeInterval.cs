namespace Argus.Tsdb.Head;

/// <summary>A closed time range [MinTime, MaxTime] in milliseconds, e.g. a deletion (tombstone).</summary>
public readonly record struct TimeInterval(long MinTime, long MaxTime)
{
    public bool Contains(long timestamp) => timestamp >= MinTime && timestamp <= MaxTime;
}
