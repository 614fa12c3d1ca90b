using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Argus.Storage;
using Argus.Tsdb.Head;
using Microsoft.Extensions.Logging;

namespace Argus.Tsdb.Wal;

/// <summary>
/// Applies the records of WAL files (checkpoint and segments, in order) to an empty head, on all cores.
/// Per file, series records are decoded and created first, in parallel (a series record always precedes
/// the records that use its id); then every worker walks the other records in file order and applies
/// those of the series in its shard (id modulo the worker count), so each series sees its samples,
/// chunks and deletions in WAL order without any coordination between workers. Samples are decoded
/// straight from the file bytes; nothing is allocated per sample.
/// </summary>
/// <remarks>One instance per start-up; <see cref="Apply"/> is called for one file at a time.</remarks>
internal sealed class WalReplayer(TsdbHead head, TsdbStats stats, ILogger logger, long outOfOrderFloor)
{
    /// <summary>Below this many records a file is replayed on one thread (parallelism would cost more).</summary>
    private const int ParallelThreshold = 256;

    private readonly int _workers = Math.Clamp(Environment.ProcessorCount, 1, 16);

    /// <summary>WAL ids whose labels matched a series created under another id (a series removed and
    /// re-created between checkpoints); rare, so a dictionary next to the head's id table.</summary>
    private readonly ConcurrentDictionary<ulong, MemSeries> _aliases = new();

    private long _samples;

    /// <summary>Samples loaded so far (from samples records and checkpoint chunks).</summary>
    public long Samples => Interlocked.Read(ref _samples);

    /// <summary>Applies <paramref name="records"/> (CRC-checked spans of <paramref name="data"/>) in order.</summary>
    public void Apply(string file, byte[] data, List<WalRecordSpan> records)
    {
        var workers = records.Count >= ParallelThreshold ? _workers : 1;
        var series = new List<int>();
        var others = false;
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Type == WalRecordType.Series)
            {
                series.Add(i);
            }
            else
            {
                others = true;
            }
        }
        if (series.Count > 0)
        {
            head.ReserveForReplay(series.Count);
            var seriesWorkers = series.Count >= ParallelThreshold ? _workers : 1;
            var created = new List<MemSeries>[seriesWorkers];
            Run(seriesWorkers, w => created[w] = CreateSeries(file, data, records, series, w, seriesWorkers));
            head.IndexReplayed(created.Length == 1 ? created[0] : [.. created.SelectMany(c => c)]);
        }
        if (others)
        {
            Run(workers, w => ApplyShard(file, data, records, w, workers));
        }
    }

    private static void Run(int workers, Action<int> body)
    {
        if (workers == 1)
        {
            body(0);
            return;
        }
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, body);
    }

    /// <summary>Creates the series of worker <paramref name="worker"/>'s share of the series records.</summary>
    /// <remarks>Replay runs once per process, mostly before tiered compilation would have optimized these
    /// loops, so they are compiled fully optimized from the start.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<MemSeries> CreateSeries(string file, byte[] data, List<WalRecordSpan> records, List<int> series, int worker, int workers)
    {
        var decoder = new SeriesRecordDecoder();
        var created = new List<MemSeries>();
        var from = (int)((long)series.Count * worker / workers);
        var to = (int)((long)series.Count * (worker + 1) / workers);
        for (var i = from; i < to; i++)
        {
            var span = records[series[i]];
            try
            {
                var record = decoder.Decode(data.AsSpan(span.Offset, span.Length));
                var target = head.GetOrCreateReplayed(record.Labels, record.Id, out var isNew);
                if (isNew)
                {
                    created.Add(target);
                }
                target.WalLogged = false; // logged again by the first commit after start-up
                if (target.Id != record.Id)
                {
                    _aliases[record.Id] = target;
                }
            }
            catch (FormatException ex)
            {
                TsdbLog.WalRecordSkipped(logger, file, ex.Message);
            }
        }
        return created;
    }

    private MemSeries? Resolve(ulong id) => head.GetById(id) ?? _aliases.GetValueOrDefault(id);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ApplyShard(string file, byte[] data, List<WalRecordSpan> records, int worker, int workers)
    {
        long samples = 0, chunks = 0, maxTime = long.MinValue;
        var shard = (ulong)worker;
        var modulus = (ulong)workers;
        foreach (var span in records)
        {
            var payload = new ReadOnlySpan<byte>(data, span.Offset, span.Length);
            try
            {
                switch (span.Type)
                {
                    case WalRecordType.Samples:
                        var reader = new SamplesRecordReader(payload);
                        while (reader.Next(out var id, out var t, out var v))
                        {
                            if (id % modulus != shard || Resolve(id) is not { } target)
                            {
                                continue;
                            }
                            lock (target)
                            {
                                if (target.Append(t, v, outOfOrderFloor, out var chunkCreated, out _, replaying: true) != AppendStatus.Ok)
                                {
                                    continue;
                                }
                                samples++;
                                chunks += chunkCreated ? 1 : 0;
                                maxTime = Math.Max(maxTime, t);
                            }
                        }
                        break;
                    case WalRecordType.Chunk:
                        if (new PayloadReader(payload).UVarint() % modulus != shard)
                        {
                            break;
                        }
                        var (chunkSeries, chunk, lastValue) = WalRecords.ReadChunk(data, span.Offset, span.Length);
                        if (Resolve(chunkSeries) is { } owner)
                        {
                            lock (owner)
                            {
                                owner.AddSealedChunk(chunk, lastValue);
                            }
                            samples += chunk.Count;
                            chunks++;
                            maxTime = Math.Max(maxTime, chunk.MaxTime);
                        }
                        break;
                    case WalRecordType.Tombstones:
                        var (deletedId, minTime, deletedMax) = WalRecords.ReadTombstone(payload);
                        if (deletedId % modulus == shard && Resolve(deletedId) is { } deleted)
                        {
                            lock (deleted)
                            {
                                deleted.AddDeletion(minTime, deletedMax);
                            }
                        }
                        break;
                    default:
                        break;
                }
            }
            catch (FormatException ex)
            {
                // Every worker meets the same bad record; one report is enough.
                if (worker == 0)
                {
                    TsdbLog.WalRecordSkipped(logger, file, ex.Message);
                }
            }
        }
        head.ObserveTime(maxTime);
        Interlocked.Add(ref _samples, samples);
        Interlocked.Add(ref stats.HeadChunks, chunks);
    }
}
