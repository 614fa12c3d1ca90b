using Microsoft.Extensions.Logging;

namespace Argus.Tsdb;

/// <summary>All log messages of the TSDB, source-generated so disabled levels cost nothing.</summary>
internal static partial class TsdbLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "WAL segment {Segment} is damaged ({Damage}); cut at offset {Offset}, discarding {BytesLost} bytes and {SegmentsDropped} later segment(s)")]
    public static partial void WalRepaired(ILogger logger, string segment, string damage, long offset, long bytesLost, int segmentsDropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WAL record in {Segment} could not be decoded and was skipped: {Reason}")]
    public static partial void WalRecordSkipped(ILogger logger, string segment, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "WAL replay finished in {Milliseconds} ms: {Series} series, {Samples} samples, {Segments} segment(s), {Collections} garbage collection(s) pausing {GcPauseMilliseconds} ms")]
    public static partial void WalReplayed(ILogger logger, long milliseconds, long series, long samples, int segments, int collections, long gcPauseMilliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "WAL checkpoint {Checkpoint} written in {Milliseconds} ms ({Series} series)")]
    public static partial void CheckpointWritten(ILogger logger, string checkpoint, long milliseconds, int series);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The checkpoint of a clean close could not be written; the WAL stays and is replayed at the next start")]
    public static partial void CheckpointOnCloseFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Chunks} chunk(s) and {Series} series older than {Cutoff}")]
    public static partial void RetentionApplied(ILogger logger, long chunks, int series, long cutoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "Background WAL fsync failed")]
    public static partial void SyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Background compaction failed")]
    public static partial void CompactionFailed(ILogger logger, Exception exception);
}
