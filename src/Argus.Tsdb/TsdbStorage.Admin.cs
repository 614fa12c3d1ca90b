using Argus.Model.Labels;
using Argus.Storage;
using Argus.Tsdb.Head;
using Argus.Tsdb.Wal;

namespace Argus.Tsdb;

/// <summary>Retention, deletion, snapshots and status (the admin half of <see cref="TsdbStorage"/>).</summary>
public sealed partial class TsdbStorage
{
    /// <summary>
    /// Cuts the head into blocks once it spans 1.5 block durations, applies retention by time and size,
    /// merges adjacent blocks, then checkpoints the WAL when data left the head or the head gained a block
    /// duration of new data since the last checkpoint. Runs in the background every
    /// <see cref="TsdbOptions.CompactionInterval"/>; callable directly.
    /// </summary>
    public void Compact()
    {
        lock (_compactLock)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var removed = CutHeadBlocks() ? 1L : 0L;
            CompactBlocks();
            ApplyBlockRetention();
            UpdateBlockStats();
            if (_options.RetentionTime > TimeSpan.Zero && _head.MaxTime != long.MinValue)
            {
                removed += TruncateHead(_head.MaxTime - (long)_options.RetentionTime.TotalMilliseconds);
            }
            var maxTime = _head.MaxTime;
            var due = maxTime != long.MinValue &&
                (_lastCheckpointMaxTime == long.MinValue || maxTime - _lastCheckpointMaxTime >= (long)_options.BlockDuration.TotalMilliseconds);
            if (removed > 0 || due)
            {
                CheckpointLocked();
            }
            if (_options.RetentionSize > 0 && BlockCount == 0 && DiskBytes() > _options.RetentionSize)
            {
                var cutoff = SizeRetentionCutoff(_options.RetentionSize);
                if (cutoff != long.MinValue && TruncateHead(cutoff) > 0)
                {
                    CheckpointLocked();
                }
            }
        }
    }

    /// <summary>
    /// Marks the samples of the series matching <paramref name="matchers"/> in [minTime, maxTime] as
    /// deleted (logged to the WAL as tombstones; queries stop returning them at once). The data is
    /// physically removed by <see cref="CleanTombstones"/>. Returns the number of series affected.
    /// </summary>
    /// <exception cref="StorageException">The tombstones could not be written to the WAL.</exception>
    public int DeleteSeries(IReadOnlyList<LabelMatcher> matchers, long minTime, long maxTime)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var ids = _head.Postings.Select(matchers);
        var targets = new List<MemSeries>(ids.Length);
        using var buffer = new RecordBuffer();
        foreach (var id in ids)
        {
            var series = _head.GetById(id);
            if (series is null)
            {
                continue;
            }
            lock (series)
            {
                if (!series.Overlaps(minTime, maxTime))
                {
                    continue;
                }
            }
            targets.Add(series);
        }
        var blockSeries = 0;
        foreach (var block in AcquireBlocks(minTime, maxTime))
        {
            try
            {
                var tombstones = new List<Blocks.BlockTombstone>();
                foreach (var index in block.Select(matchers))
                {
                    tombstones.Add(new Blocks.BlockTombstone(index, minTime, maxTime));
                }
                if (tombstones.Count > 0)
                {
                    block.AddTombstones(tombstones);
                    blockSeries += tombstones.Count;
                }
            }
            catch (IOException ex)
            {
                throw new StorageException($"writing tombstones of block {block.Dir} failed: {ex.Message}", ex);
            }
            finally
            {
                block.Release();
            }
        }
        if (targets.Count == 0)
        {
            return blockSeries;
        }
        _commitLock.EnterReadLock();
        try
        {
            using var seriesRecords = new RecordBuffer(256);
            lock (_walSeriesLock)
            {
                foreach (var series in targets)
                {
                    if (!series.WalLogged)
                    {
                        WalRecords.WriteSeries(seriesRecords, series.Id, series.Labels);
                    }
                    WalRecords.WriteTombstone(buffer, series.Id, minTime, maxTime);
                }
                _wal.Write(seriesRecords.Written, buffer.Written);
                foreach (var series in targets)
                {
                    series.WalLogged = true;
                }
            }
            foreach (var series in targets)
            {
                lock (series)
                {
                    series.AddDeletion(minTime, maxTime);
                }
            }
        }
        finally
        {
            _commitLock.ExitReadLock();
        }
        return targets.Count + blockSeries;
    }

    /// <summary>Rewrites the head series and blocks that carry deletions without the deleted samples,
    /// drops series left empty, and checkpoints so the tombstones leave the WAL.</summary>
    public void CleanTombstones()
    {
        lock (_compactLock)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var changed = 0;
            foreach (var series in _head.AllSeries())
            {
                bool empty;
                lock (series)
                {
                    if (!series.HasDeletions)
                    {
                        continue;
                    }
                    Interlocked.Add(ref Stats.HeadChunks, series.ApplyDeletions());
                    empty = series.IsEmpty;
                }
                changed++;
                if (empty)
                {
                    _head.Remove(series);
                }
            }
            if (changed > 0)
            {
                CheckpointLocked();
            }
            foreach (var block in Volatile.Read(ref _blocks).Where(b => b.HasTombstones).ToArray())
            {
                MergeBlocks([block]);
            }
            UpdateBlockStats();
        }
    }

    /// <summary>
    /// Writes a consistent copy of all data to <paramref name="dir"/> (which must not exist or be empty),
    /// laid out so that <see cref="Open"/> on that directory serves the same data.
    /// </summary>
    /// <exception cref="StorageException">The snapshot could not be written.</exception>
    public void Snapshot(string dir)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            throw new StorageException($"snapshot directory {dir} is not empty");
        }
        List<SeriesCheckpointState> states;
        _commitLock.EnterWriteLock();
        try
        {
            states = CaptureHead();
        }
        finally
        {
            _commitLock.ExitWriteLock();
        }
        var checkpointDir = Path.Combine(dir, "wal", WalFormat.CheckpointPrefix + WalFormat.SegmentName(0));
        var blocks = AcquireBlocks(long.MinValue, long.MaxValue);
        try
        {
            Directory.CreateDirectory(checkpointDir);
            WriteCheckpointFiles(checkpointDir, states, _options.WalSegmentSize);
            foreach (var block in blocks)
            {
                CopyDirectory(block.Dir, Path.Combine(dir, Path.GetFileName(block.Dir)));
            }
        }
        catch (IOException ex)
        {
            throw new StorageException($"writing snapshot to {dir} failed: {ex.Message}", ex);
        }
        finally
        {
            foreach (var block in blocks)
            {
                block.Release();
            }
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var sub in Directory.EnumerateDirectories(from))
        {
            CopyDirectory(sub, Path.Combine(to, Path.GetFileName(sub)));
        }
    }

    /// <summary>Head statistics and the top <paramref name="limit"/> entries of each cardinality list.</summary>
    public TsdbStatus GetStatus(int limit = 10)
    {
        var (seriesPerName, valuesPerName, seriesPerPair) = _head.Postings.Cardinality();
        long minTime = long.MaxValue;
        foreach (var series in _head.AllSeries())
        {
            lock (series)
            {
                if (!series.IsEmpty && series.MinTime < minTime)
                {
                    minTime = series.MinTime;
                }
            }
        }
        var memory = new List<KeyValuePair<string, long>>();
        foreach (var (name, _) in valuesPerName)
        {
            long bytes = 0;
            foreach (var value in _head.Postings.LabelValues(name))
            {
                bytes += value.Length;
            }
            memory.Add(new(name, bytes));
        }
        static IReadOnlyList<KeyValuePair<string, long>> Top(IEnumerable<KeyValuePair<string, long>> items, int n) =>
            items.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(n).ToList();
        return new TsdbStatus(
            _head.SeriesCount,
            seriesPerPair.Count,
            Interlocked.Read(ref Stats.HeadChunks),
            minTime == long.MaxValue ? long.MinValue : minTime,
            _head.MaxTime,
            Top(_head.Postings.ValueCounts(LabelNames.MetricName).Select(kv => new KeyValuePair<string, long>(kv.Key, kv.Value)), limit),
            Top(valuesPerName.Select(kv => new KeyValuePair<string, long>(kv.Key, kv.Value)), limit),
            Top(memory, limit),
            Top(seriesPerPair.Select(kv => new KeyValuePair<string, long>(kv.Key, kv.Value)), limit));
    }

    /// <summary>Drops data older than <paramref name="cutoff"/> and the series left empty; returns chunks removed.</summary>
    private long TruncateHead(long cutoff)
    {
        if (cutoff <= _head.MinValidTime)
        {
            return 0;
        }
        _head.MinValidTime = cutoff;
        long chunks = 0;
        var emptied = new List<MemSeries>();
        foreach (var series in _head.AllSeries())
        {
            lock (series)
            {
                if (series.IsEmpty || series.MinTime >= cutoff)
                {
                    continue;
                }
                chunks += series.TruncateBefore(cutoff);
                if (series.IsEmpty)
                {
                    emptied.Add(series);
                }
            }
        }
        foreach (var series in emptied)
        {
            _head.Remove(series);
        }
        Interlocked.Add(ref Stats.HeadChunks, -chunks);
        Interlocked.Increment(ref Stats.HeadTruncations);
        Interlocked.Add(ref Stats.HeadChunksRemoved, chunks);
        if (chunks > 0 || emptied.Count > 0)
        {
            TsdbLog.RetentionApplied(_logger, chunks, emptied.Count, cutoff);
        }
        return chunks + emptied.Count;
    }

    /// <summary>The cutoff that keeps the newest chunks whose encoded size fits <paramref name="limit"/>.</summary>
    private long SizeRetentionCutoff(long limit)
    {
        var chunks = new List<(long MaxTime, long Bytes)>();
        foreach (var series in _head.AllSeries())
        {
            SeriesCheckpointState state;
            lock (series)
            {
                state = series.CaptureForCheckpoint();
            }
            foreach (var chunk in state.Chunks)
            {
                chunks.Add((chunk.MaxTime, ((chunk.BitLength + 7) >> 3) + 32));
            }
        }
        chunks.Sort((a, b) => b.MaxTime.CompareTo(a.MaxTime));
        long kept = 0;
        foreach (var (maxTime, bytes) in chunks)
        {
            kept += bytes;
            if (kept > limit)
            {
                return maxTime + 1;
            }
        }
        return long.MinValue;
    }
}
