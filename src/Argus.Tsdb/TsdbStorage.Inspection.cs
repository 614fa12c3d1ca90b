using Argus.Tsdb.Wal;

namespace Argus.Tsdb;

/// <summary>What the status pages show of the WAL and the blocks (the inspection half of <see cref="TsdbStorage"/>).</summary>
public sealed partial class TsdbStorage
{
    private WalReplayStatus _replayStatus = WalReplayStatus.None;

    /// <summary>When this process last wrote a checkpoint; null before its first one.</summary>
    private DateTimeOffset? _lastCheckpointAt;

    /// <summary>The WAL's segments, newest checkpoint and start-up replay, read from the directory now.</summary>
    /// <remarks>Thread-safe. A checkpoint running at the same moment may make the segment figures one
    /// checkpoint old; they are for people to read, not to act on.</remarks>
    public WalStatus GetWalStatus()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var segments = WalFormat.ListSegments(_walDir);
        var checkpoint = WalFormat.LatestCheckpoint(_walDir);
        DateTimeOffset? checkpointAt = null;
        if (checkpoint is { } cp)
        {
            checkpointAt = _lastCheckpointAt ?? new DateTimeOffset(Directory.GetLastWriteTimeUtc(cp.Path), TimeSpan.Zero);
        }
        return new WalStatus(
            segments.Count,
            segments.Count > 0 ? segments[0].Index : null,
            segments.Count > 0 ? segments[^1].Index : null,
            WalBytes(),
            checkpoint?.Index,
            checkpointAt,
            Interlocked.Read(ref Stats.WalCheckpoints),
            _replayStatus);
    }

    /// <summary>The persistent blocks, oldest first.</summary>
    public IReadOnlyList<BlockStatus> ListBlocks()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        // The array is replaced, never changed in place, so a read of the reference is a consistent list; a block
        // closed by a compaction meanwhile still answers from its meta and lengths, which stay in memory.
        var blocks = Volatile.Read(ref _blocks);
        return blocks
            .Select(b => new BlockStatus(b.Meta.Id, b.Meta.MinTime, b.Meta.MaxTime, b.Meta.NumSeries, b.Meta.NumSamples, b.Meta.NumChunks,
                b.SizeBytes, b.Meta.Level, b.HasTombstones))
            .OrderBy(b => b.MinTime)
            .ThenBy(b => b.Id, StringComparer.Ordinal)
            .ToList();
    }
}
