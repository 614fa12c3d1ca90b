using Argus.Tsdb;
using Argus.Web.Api.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Argus.Web.Api.V1;

/// <summary>
/// The WAL and the persistent blocks: Prometheus' <c>/api/v1/status/walreplay</c> (same fields), and two Argus
/// extensions for the TSDB status page, <c>/api/v1/status/tsdb/wal</c> (segments, checkpoint, what replay read and
/// repaired) and <c>/api/v1/status/tsdb/blocks</c> (each block's range, counts, size and compaction level).
/// </summary>
public sealed partial class AdminApi
{
    private void MapStorageStatus(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/status/walreplay", context => RespondAsync(context, admin: false, WalReplay));
        endpoints.MapGet("/api/v1/status/tsdb/wal", context => RespondAsync(context, admin: false, Wal));
        endpoints.MapGet("/api/v1/status/tsdb/blocks", context => RespondAsync(context, admin: false, Blocks));
    }

    /// <summary>Prometheus reports replay progress as segment indices; Argus answers only once replay is over
    /// (the storage opens after it), so <c>current</c> is always the last segment replayed.</summary>
    private static Action<GoJsonWriter> WalReplay(ApiParameters p, TsdbStorage storage)
    {
        var replay = storage.GetWalStatus().Replay;
        return writer =>
        {
            writer.StartObject();
            writer.Property("min", replay.FirstSegment ?? 0);
            writer.Property("max", replay.LastSegment ?? 0);
            writer.Property("current", replay.LastSegment ?? 0);
            writer.EndObject();
        };
    }

    private static Action<GoJsonWriter> Wal(ApiParameters p, TsdbStorage storage)
    {
        var wal = storage.GetWalStatus();
        return writer =>
        {
            writer.StartObject();
            writer.Property("segments", wal.Segments);
            writer.Property("firstSegment", wal.FirstSegment);
            writer.Property("lastSegment", wal.LastSegment);
            writer.Property("diskBytes", wal.DiskBytes);
            writer.Name("checkpoint");
            if (wal.CheckpointSegment is { } segment)
            {
                writer.StartObject();
                writer.Property("segment", segment);
                writer.Property("writtenAt", GoTimeText.Rfc3339Nano(wal.CheckpointAt));
                writer.EndObject();
            }
            else
            {
                writer.Null();
            }
            writer.Property("checkpointsWritten", wal.CheckpointsWritten);
            var replay = wal.Replay;
            writer.Name("replay");
            writer.StartObject();
            writer.Property("firstSegment", replay.FirstSegment);
            writer.Property("lastSegment", replay.LastSegment);
            writer.Property("filesRead", replay.FilesRead);
            writer.Property("samples", replay.Samples);
            writer.Property("series", replay.Series);
            writer.Property("durationMilliseconds", (long)replay.Duration.TotalMilliseconds);
            writer.Property("corruptionsRepaired", replay.CorruptionsRepaired);
            writer.Property("bytesDiscarded", replay.BytesDiscarded);
            writer.EndObject();
            writer.EndObject();
        };
    }

    private static Action<GoJsonWriter> Blocks(ApiParameters p, TsdbStorage storage)
    {
        var blocks = storage.ListBlocks();
        return writer =>
        {
            writer.StartArray();
            foreach (var block in blocks)
            {
                writer.StartObject();
                writer.Property("id", block.Id);
                writer.Property("minTime", block.MinTime);
                writer.Property("maxTime", block.MaxTime);
                writer.Property("numSeries", block.NumSeries);
                writer.Property("numSamples", block.NumSamples);
                writer.Property("numChunks", block.NumChunks);
                writer.Property("bytes", block.Bytes);
                writer.Property("level", block.Level);
                writer.Name("hasTombstones");
                writer.Bool(block.HasTombstones);
                writer.EndObject();
            }
            writer.EndArray();
        };
    }
}
