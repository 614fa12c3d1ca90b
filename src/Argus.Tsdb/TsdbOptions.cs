namespace Argus.Tsdb;

/// <summary>Settings of one TSDB instance, validated by <see cref="Validate"/> at open.</summary>
public sealed record TsdbOptions
{
    /// <summary>Data directory (created if missing); holds <c>wal/</c> and its checkpoints.</summary>
    public required string Dir { get; init; }

    /// <summary>Samples older than newest-sample-time minus this are dropped; zero keeps everything.</summary>
    public TimeSpan RetentionTime { get; init; } = TimeSpan.FromDays(15);

    /// <summary>Maximum bytes of persisted data (WAL + checkpoints); zero means unlimited. When exceeded,
    /// the oldest data is dropped at the next compaction.</summary>
    public long RetentionSize { get; init; }

    /// <summary>storage.tsdb.out_of_order_time_window: how far behind the newest sample of the head an
    /// older sample may still be accepted. Zero disables out-of-order ingestion.</summary>
    public TimeSpan OutOfOrderWindow { get; init; } = TimeSpan.Zero;

    /// <summary>Range of data the head compacts at a time; checkpoints run once the head spans 1.5× this.</summary>
    public TimeSpan BlockDuration { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Soft size limit of a WAL segment file.</summary>
    public long WalSegmentSize { get; init; } = 128L * 1024 * 1024;

    /// <summary>When true every commit fsyncs the WAL before returning (power-loss durable, slow). When
    /// false (the default, like Prometheus) commits are written to the OS before returning and a background
    /// task fsyncs every <see cref="WalSyncInterval"/>: a process crash loses nothing committed, a power
    /// failure loses at most that interval.</summary>
    public bool WalSyncEveryCommit { get; init; }

    public TimeSpan WalSyncInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the background compaction (retention + WAL checkpoint) runs; zero disables it
    /// (tests call <see cref="TsdbStorage.Compact"/> directly).</summary>
    public TimeSpan CompactionInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>When true (the default) a clean close writes a checkpoint of the whole head (its compressed
    /// chunks) and drops the WAL segments it covers, so the next start reads ready-made chunks instead of
    /// re-encoding every sample since the last checkpoint, and the data directory holds chunks rather than
    /// raw samples. A crash skips it; the WAL then replays as before.</summary>
    public bool CheckpointOnClose { get; init; } = true;

    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Dir))
        {
            throw new ArgumentException("TsdbOptions.Dir must name a directory");
        }
        if (RetentionTime < TimeSpan.Zero)
        {
            throw new ArgumentException($"TsdbOptions.RetentionTime must not be negative, got {RetentionTime}");
        }
        if (RetentionSize < 0)
        {
            throw new ArgumentException($"TsdbOptions.RetentionSize must not be negative, got {RetentionSize}");
        }
        if (OutOfOrderWindow < TimeSpan.Zero)
        {
            throw new ArgumentException($"TsdbOptions.OutOfOrderWindow must not be negative, got {OutOfOrderWindow}");
        }
        if (BlockDuration <= TimeSpan.Zero)
        {
            throw new ArgumentException($"TsdbOptions.BlockDuration must be positive, got {BlockDuration}");
        }
        if (WalSegmentSize < 64 * 1024)
        {
            throw new ArgumentException($"TsdbOptions.WalSegmentSize must be at least 64 KiB, got {WalSegmentSize}");
        }
        if (WalSyncInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"TsdbOptions.WalSyncInterval must be positive, got {WalSyncInterval}");
        }
    }
}
