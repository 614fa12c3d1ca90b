namespace Argus.Tsdb;

/// <summary>What the start-up WAL replay read and repaired. Replay finishes before the storage opens, so these
/// are final by the time anyone can ask.</summary>
/// <param name="FirstSegment">First segment replayed after the checkpoint; null when there was none.</param>
/// <param name="LastSegment">Last segment replayed; null when there was none.</param>
/// <param name="FilesRead">Checkpoint files and segments read.</param>
/// <param name="Samples">Samples restored into the head.</param>
/// <param name="Series">Series in the head once replay finished.</param>
/// <param name="Duration">How long the replay took.</param>
/// <param name="CorruptionsRepaired">Damaged segments cut back to their last good record.</param>
/// <param name="BytesDiscarded">Bytes cut off or deleted by those repairs.</param>
public sealed record WalReplayStatus(
    long? FirstSegment,
    long? LastSegment,
    int FilesRead,
    long Samples,
    long Series,
    TimeSpan Duration,
    long CorruptionsRepaired,
    long BytesDiscarded)
{
    /// <summary>Before any replay (a storage that is still opening).</summary>
    public static WalReplayStatus None { get; } = new(null, null, 0, 0, 0, TimeSpan.Zero, 0, 0);
}
