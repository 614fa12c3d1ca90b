namespace Argus.Tsdb;

/// <summary>One persistent block, for <c>/api/v1/status/tsdb/blocks</c> and the TSDB status page.</summary>
/// <param name="Id">The block's id, also its directory name: <c>b-</c>, its minimum time zero-padded to 15 digits, <c>-</c> and
/// 32 random hex digits (Argus does not use ULIDs, but its ids sort by time the same way).</param>
/// <param name="MinTime">Inclusive lower bound of its samples, in milliseconds since the epoch.</param>
/// <param name="MaxTime">Exclusive upper bound of its samples, in milliseconds since the epoch.</param>
/// <param name="Bytes">Bytes of its index and chunk files.</param>
/// <param name="Level">Compaction level: 1 when cut from the head, one more than its highest input when compacted.</param>
/// <param name="HasTombstones">Whether deletions wait in it for <c>clean_tombstones</c> or the next compaction.</param>
public sealed record BlockStatus(
    string Id,
    long MinTime,
    long MaxTime,
    long NumSeries,
    long NumSamples,
    long NumChunks,
    long Bytes,
    int Level,
    bool HasTombstones);
