namespace Argus.Tsdb;

/// <summary>
/// The write-ahead log as it stands, for <c>/api/v1/status/walreplay</c> and <c>/api/v1/status/tsdb/wal</c>:
/// the segments on disk, the newest checkpoint, and what the start-up replay read and repaired.
/// A snapshot taken when asked; it does not change afterwards.
/// </summary>
/// <param name="Segments">Segment files in the WAL directory (the one being written included).</param>
/// <param name="FirstSegment">Lowest segment index on disk; null when there is none.</param>
/// <param name="LastSegment">Highest segment index on disk (the one being written); null when there is none.</param>
/// <param name="DiskBytes">Bytes of the segments and the checkpoint together.</param>
/// <param name="CheckpointSegment">Last segment index the newest checkpoint covers; null without a checkpoint.</param>
/// <param name="CheckpointAt">When that checkpoint was written (its directory's time when it predates this process).</param>
/// <param name="CheckpointsWritten">Checkpoints written since start-up.</param>
/// <param name="Replay">What the start-up replay did.</param>
public sealed record WalStatus(
    int Segments,
    long? FirstSegment,
    long? LastSegment,
    long DiskBytes,
    long? CheckpointSegment,
    DateTimeOffset? CheckpointAt,
    long CheckpointsWritten,
    WalReplayStatus Replay);
