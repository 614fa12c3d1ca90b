namespace Argus.Tsdb;

/// <summary>
/// Self-metrics of the TSDB as plain counters and gauges. Fields are updated with
/// <see cref="Interlocked"/>; read them with Volatile.Read or Interlocked.
/// The server publishes them as metrics.
/// </summary>
public sealed class TsdbStats
{
    /// <summary>Gauge: series in the head.</summary>
    public long HeadSeries;

    /// <summary>Gauge: chunks (sealed and open) in the head.</summary>
    public long HeadChunks;

    /// <summary>Counter: series ever created in the head.</summary>
    public long HeadSeriesCreated;

    /// <summary>Counter: samples committed into the head.</summary>
    public long SamplesAppended;

    /// <summary>Counter: samples accepted out of order (inside the window).</summary>
    public long OutOfOrderSamplesAppended;

    /// <summary>Counter: samples rejected as out of order (window disabled).</summary>
    public long OutOfOrderRejected;

    /// <summary>Counter: samples rejected as duplicates with a different value.</summary>
    public long DuplicateRejected;

    /// <summary>Counter: samples rejected as older than the out-of-order window or the head.</summary>
    public long TooOldRejected;

    /// <summary>Counter: samples rejected for invalid labels.</summary>
    public long InvalidLabelsRejected;

    /// <summary>Counter: commits that failed because the WAL could not be written.</summary>
    public long CommitFailures;

    /// <summary>Counter: bytes written to WAL segments.</summary>
    public long WalBytes;

    /// <summary>Gauge: bytes of WAL segments and checkpoints on disk.</summary>
    public long WalDiskBytes;

    /// <summary>Counter: WAL segment files created.</summary>
    public long WalSegmentsCreated;

    /// <summary>Counter: WAL writes that failed (e.g. disk full).</summary>
    public long WalWriteFailures;

    /// <summary>Counter: fsync calls on WAL segments and their total duration in microseconds.</summary>
    public long WalFsyncs;

    public long WalFsyncMicroseconds;

    /// <summary>Counter: damaged WAL segments repaired at start-up, and the bytes cut off.</summary>
    public long WalCorruptionsRepaired;

    public long WalBytesDiscarded;

    /// <summary>Counter: checkpoints written, and total truncation (checkpoint + segment removal) time.</summary>
    public long WalCheckpoints;

    public long WalTruncationMicroseconds;

    /// <summary>Gauge: time the last start-up replay took, in milliseconds.</summary>
    public long WalReplayMilliseconds;

    /// <summary>Counter: head truncations by retention and the chunks they removed.</summary>
    public long HeadTruncations;

    public long HeadChunksRemoved;

    /// <summary>Counter: blocks written (cut from the head or compacted from other blocks).</summary>
    public long Compactions;

    /// <summary>Gauge: persistent blocks and their bytes on disk.</summary>
    public long Blocks;

    public long BlockBytes;
}
