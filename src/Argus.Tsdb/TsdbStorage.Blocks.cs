using System.Globalization;
using Argus.Model.Labels;
using Argus.Storage;
using Argus.Tsdb.Blocks;
using Argus.Tsdb.Head;

namespace Argus.Tsdb;

/// <summary>Persistent blocks: cutting the head, leveled compaction and block retention.</summary>
public sealed partial class TsdbStorage
{
    private readonly Lock _blocksLock = new();
    private Block[] _blocks = [];

    /// <summary>Number of persistent blocks.</summary>
    public int BlockCount => Volatile.Read(ref _blocks).Length;

    private void LoadBlocks()
    {
        var blocks = new List<Block>();
        foreach (var dir in Directory.EnumerateDirectories(_options.Dir))
        {
            if (dir.EndsWith(".tmp", StringComparison.Ordinal))
            {
                Directory.Delete(dir, recursive: true); // an interrupted write
                continue;
            }
            if (File.Exists(Path.Combine(dir, "meta.json")))
            {
                blocks.Add(Block.Open(dir));
            }
        }
        // A compaction interrupted after writing its output but before deleting its inputs leaves blocks
        // covered by a newer one; the querier deduplicates, and the next compaction merges them again.
        blocks.Sort((a, b) => a.Meta.MinTime.CompareTo(b.Meta.MinTime));
        _blocks = [.. blocks];
        if (blocks.Count > 0)
        {
            _head.MinValidTime = blocks.Max(b => b.Meta.MaxTime);
        }
    }

    private Block[] AcquireBlocks(long minTime, long maxTime)
    {
        lock (_blocksLock)
        {
            var acquired = new List<Block>();
            foreach (var block in _blocks)
            {
                if (block.Meta.MaxTime > minTime && block.Meta.MinTime <= maxTime && block.TryAcquire())
                {
                    acquired.Add(block);
                }
            }
            return [.. acquired];
        }
    }

    /// <summary>Writes blocks for every whole <see cref="TsdbOptions.BlockDuration"/> range the head has
    /// moved past by half a range, then truncates the head. Returns true when a block was cut.</summary>
    private bool CutHeadBlocks()
    {
        var duration = (long)_options.BlockDuration.TotalMilliseconds;
        var cut = false;
        while (true)
        {
            var headMax = _head.MaxTime;
            // Data below MinValidTime is already in blocks; chunks straddling it stay in the head for a while.
            var headMin = Math.Max(HeadMinTime(), _head.MinValidTime);
            if (headMax == long.MinValue || headMin == long.MaxValue || headMax - headMin <= duration * 3 / 2)
            {
                return cut;
            }
            var start = FloorDiv(headMin, duration) * duration;
            var end = start + duration;
            var series = new List<BlockSeriesData>();
            long samples = 0, chunks = 0;
            foreach (var s in _head.AllSeries().OrderBy(s => s.Labels))
            {
                SeriesSnapshot view;
                lock (s)
                {
                    if (!s.Overlaps(start, end - 1))
                    {
                        continue;
                    }
                    view = s.Snapshot(start, end - 1);
                }
                var encoded = ChunkBuilder.Encode(view.Iterator(), start, end, out var n);
                if (encoded.Count > 0)
                {
                    series.Add(new BlockSeriesData(s.Labels, encoded));
                    samples += n;
                    chunks += encoded.Count;
                }
            }
            WriteAndAddBlock(new BlockMeta { Id = NewBlockId(start), MinTime = start, MaxTime = end, NumSeries = series.Count, NumChunks = chunks, NumSamples = samples, Level = 1 }, series, []);
            TruncateHead(end);
            cut = true;
        }
    }

    /// <summary>Merges adjacent blocks into ranges of 3×, 9×, 27×… the block duration (bounded by a tenth
    /// of the retention), once a range is complete, and rewrites blocks with tombstones.</summary>
    private void CompactBlocks()
    {
        var duration = (long)_options.BlockDuration.TotalMilliseconds;
        // As Prometheus: no block spans more than a tenth of the retention, so retention stays fine-grained.
        var maxRange = _options.RetentionTime > TimeSpan.Zero ? (long)_options.RetentionTime.TotalMilliseconds / 10 : duration * 243;
        for (var range = duration * 3; range <= maxRange; range *= 3)
        {
            var blocks = Volatile.Read(ref _blocks);
            if (blocks.Length == 0)
            {
                return;
            }
            var newest = blocks.Max(b => b.Meta.MaxTime);
            foreach (var group in blocks.GroupBy(b => FloorDiv(b.Meta.MinTime, range)))
            {
                var groupEnd = (group.Key + 1) * range;
                var members = group.Where(b => b.Meta.MaxTime <= groupEnd).ToArray();
                if (members.Length > 1 && newest >= groupEnd)
                {
                    MergeBlocks(members);
                }
            }
        }
        foreach (var block in Volatile.Read(ref _blocks).Where(b => b.HasTombstones).ToArray())
        {
            MergeBlocks([block]);
        }
    }

    private void MergeBlocks(Block[] inputs)
    {
        foreach (var b in inputs)
        {
            if (!b.TryAcquire())
            {
                return;
            }
        }
        try
        {
            var minTime = inputs.Min(b => b.Meta.MinTime);
            var maxTime = inputs.Max(b => b.Meta.MaxTime);
            var byLabels = new SortedDictionary<LabelSet, List<ISeries>>();
            foreach (var block in inputs)
            {
                for (var i = 0; i < block.SeriesCount; i++)
                {
                    var (labels, metas) = block.ReadSeries(i);
                    if (!byLabels.TryGetValue(labels, out var list))
                    {
                        byLabels[labels] = list = [];
                    }
                    list.Add(new BlockSeries(labels, [.. metas.Select(block.ReadChunk)], block.Deletions(i), long.MinValue, long.MaxValue));
                }
            }
            var series = new List<BlockSeriesData>();
            long samples = 0, chunks = 0;
            foreach (var (labels, parts) in byLabels)
            {
                var encoded = ChunkBuilder.Encode(new MergedSeries(labels, parts).Iterator(), minTime, maxTime, out var n);
                if (encoded.Count > 0)
                {
                    series.Add(new BlockSeriesData(labels, encoded));
                    samples += n;
                    chunks += encoded.Count;
                }
            }
            var meta = new BlockMeta
            {
                Id = NewBlockId(minTime),
                MinTime = minTime,
                MaxTime = maxTime,
                NumSeries = series.Count,
                NumChunks = chunks,
                NumSamples = samples,
                Level = inputs.Max(b => b.Meta.Level) + (inputs.Length > 1 ? 1 : 0),
            };
            WriteAndAddBlock(meta, series, inputs);
        }
        finally
        {
            foreach (var b in inputs)
            {
                b.Release();
            }
        }
    }

    private void WriteAndAddBlock(BlockMeta meta, List<BlockSeriesData> series, Block[] replaces)
    {
        Block block;
        try
        {
            block = Block.Open(BlockWriter.Write(_options.Dir, meta, series));
        }
        catch (IOException ex)
        {
            throw new StorageException($"writing block {meta.Id} in {_options.Dir} failed: {ex.Message}", ex);
        }
        lock (_blocksLock)
        {
            var updated = _blocks.Where(b => !replaces.Contains(b)).Append(block).OrderBy(b => b.Meta.MinTime).ToArray();
            Volatile.Write(ref _blocks, updated);
        }
        foreach (var old in replaces)
        {
            old.Close(deleteFiles: true);
        }
        Interlocked.Increment(ref Stats.Compactions);
    }

    /// <summary>Deletes blocks entirely older than the retention time, and the oldest blocks while the
    /// total size exceeds the retention size.</summary>
    private void ApplyBlockRetention()
    {
        var blocks = Volatile.Read(ref _blocks);
        var doomed = new HashSet<Block>();
        if (_options.RetentionTime > TimeSpan.Zero && _head.MaxTime != long.MinValue)
        {
            var cutoff = _head.MaxTime - (long)_options.RetentionTime.TotalMilliseconds;
            doomed.UnionWith(blocks.Where(b => b.Meta.MaxTime <= cutoff));
        }
        if (_options.RetentionSize > 0)
        {
            var total = blocks.Sum(b => b.SizeBytes) + WalBytes();
            foreach (var block in blocks.OrderBy(b => b.Meta.MinTime))
            {
                if (total <= _options.RetentionSize)
                {
                    break;
                }
                doomed.Add(block);
                total -= block.SizeBytes;
            }
        }
        if (doomed.Count == 0)
        {
            return;
        }
        lock (_blocksLock)
        {
            Volatile.Write(ref _blocks, _blocks.Where(b => !doomed.Contains(b)).ToArray());
        }
        foreach (var block in doomed)
        {
            block.Close(deleteFiles: true);
        }
    }

    private void UpdateBlockStats()
    {
        var blocks = Volatile.Read(ref _blocks);
        Interlocked.Exchange(ref Stats.Blocks, blocks.Length);
        Interlocked.Exchange(ref Stats.BlockBytes, blocks.Sum(b => b.SizeBytes));
    }

    private long HeadMinTime()
    {
        var min = long.MaxValue;
        foreach (var s in _head.AllSeries())
        {
            lock (s)
            {
                if (!s.IsEmpty && s.MinTime < min)
                {
                    min = s.MinTime;
                }
            }
        }
        return min;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : ((a + 1) / b) - 1;

    private static string NewBlockId(long minTime) =>
        string.Create(CultureInfo.InvariantCulture, $"b-{minTime:D15}-{Guid.NewGuid():N}");
}
