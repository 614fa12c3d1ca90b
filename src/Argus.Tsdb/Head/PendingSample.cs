namespace Argus.Tsdb.Head;

/// <summary>A sample staged by an appender until commit.</summary>
internal readonly record struct PendingSample(MemSeries Series, long TimestampMs, double Value);
