namespace Argus.Tsdb.Wal;

/// <summary>A sample as stored in the WAL: series id, timestamp (ms) and value.</summary>
internal readonly record struct WalSample(ulong SeriesId, long TimestampMs, double Value);
