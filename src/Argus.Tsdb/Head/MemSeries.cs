using Argus.Model;
using Argus.Model.Labels;
using Argus.Storage;
using Argus.Tsdb.Chunks;

namespace Argus.Tsdb.Head;

/// <summary>
/// One series in the head: its labels, sealed chunks, the open chunk being appended to, a small sorted
/// buffer of out-of-order samples and deletion intervals.
/// </summary>
/// <remarks>
/// Thread-safety: every mutable field is guarded by locking this object; <see cref="Id"/>,
/// <see cref="Labels"/> and <see cref="Hash"/> are immutable. Kept lean (a few hundred bytes for a
/// two-hour window) because a server holds millions of these.
/// </remarks>
internal sealed class MemSeries
{
    /// <summary>Largest initial buffer of a chunk opened during WAL replay.</summary>
    private const int ReplayChunkBytes = 64;

    private SealedChunkList _sealed;
    private XorEncoder _open;
    private Sample[]? _outOfOrder;
    private int _outOfOrderCount;
    private TimeInterval[]? _deleted;
    private ulong _lastValueBits;
    private long _maxTime;

    public MemSeries(ulong id, LabelSet labels)
    {
        Id = id;
        Labels = labels;
        MaxTime = long.MinValue;
        MinTime = long.MaxValue;
    }

    public ulong Id { get; }

    public LabelSet Labels { get; }

    public ulong Hash => Labels.StableHash;

    /// <summary>Next series in the same hash bucket (a 64-bit hash collision); guarded by the map stripe.</summary>
    public MemSeries? NextWithSameHash { get; set; }

    /// <summary>1 once a series record for this series is in the WAL; guarded by the head's WAL lock.</summary>
    public bool WalLogged { get; set; }

    /// <summary>Newest in-order timestamp, long.MinValue when empty; read under the lock.</summary>
    public long MaxTime
    {
        get => _maxTime;
        private set => Volatile.Write(ref _maxTime, value);
    }

    /// <summary><see cref="MaxTime"/> read without the lock. It only grows (except when deletions are applied),
    /// so a sample newer than this value is almost surely in order: the appender's staging check uses it to
    /// skip the lock, and the commit re-checks under the lock.</summary>
    public long MaxTimeRelaxed => Volatile.Read(ref _maxTime);

    /// <summary>Oldest timestamp held (in-order or out-of-order), long.MaxValue when empty.</summary>
    public long MinTime { get; private set; }

    public int ChunkCount => _sealed.Count + (_open.Count > 0 ? 1 : 0);

    public bool IsEmpty => _sealed.Count == 0 && _open.Count == 0 && _outOfOrderCount == 0;

    /// <summary>Appends or rejects one sample; caller holds the lock on this series.</summary>
    /// <param name="outOfOrderFloor">Samples older than <see cref="MaxTime"/> are accepted down to this
    /// time; long.MaxValue when out-of-order ingestion is disabled.</param>
    /// <param name="chunkCreated">Set when the sample opened a new chunk (for the head-chunks gauge).</param>
    /// <param name="replaying">WAL replay: a chunk opened now usually receives only the few samples logged
    /// since the checkpoint, so it starts small instead of at the size of the previous chunk; restart
    /// time is dominated by allocation.</param>
    public AppendStatus Append(long timestamp, double value, long outOfOrderFloor, out bool chunkCreated, out bool outOfOrder, bool replaying = false)
    {
        chunkCreated = false;
        outOfOrder = false;
        var bits = BitConverter.DoubleToUInt64Bits(value);
        if (timestamp == MaxTime)
        {
            return bits == _lastValueBits ? AppendStatus.Ok : AppendStatus.Duplicate;
        }
        if (timestamp < MaxTime)
        {
            if (outOfOrderFloor == long.MaxValue)
            {
                return AppendStatus.OutOfOrder;
            }
            if (timestamp < outOfOrderFloor)
            {
                return AppendStatus.TooOld;
            }
            outOfOrder = true;
            return InsertOutOfOrder(timestamp, bits);
        }
        if (!_open.IsInitialized || _open.Count >= XorEncoder.TargetSamples)
        {
            Seal();
            _open = XorEncoder.Create(replaying ? Math.Min(NextChunkBytes(), ReplayChunkBytes) : NextChunkBytes());
            chunkCreated = true;
        }
        _open.Append(timestamp, value);
        MaxTime = timestamp;
        _lastValueBits = bits;
        if (timestamp < MinTime)
        {
            MinTime = timestamp;
        }
        return AppendStatus.Ok;
    }

    /// <summary>Pre-check without mutating, used when staging; caller holds the lock.</summary>
    public AppendStatus CheckAppend(long timestamp, double value, long outOfOrderFloor)
    {
        if (timestamp == MaxTime)
        {
            return BitConverter.DoubleToUInt64Bits(value) == _lastValueBits ? AppendStatus.Ok : AppendStatus.Duplicate;
        }
        if (timestamp < MaxTime)
        {
            if (outOfOrderFloor == long.MaxValue)
            {
                return AppendStatus.OutOfOrder;
            }
            if (timestamp < outOfOrderFloor)
            {
                return AppendStatus.TooOld;
            }
            var index = FindOutOfOrder(timestamp);
            return index >= 0 && BitConverter.DoubleToUInt64Bits(_outOfOrder![index].Value) != BitConverter.DoubleToUInt64Bits(value)
                ? AppendStatus.Duplicate
                : AppendStatus.Ok;
        }
        return AppendStatus.Ok;
    }

    /// <summary>Adds an already encoded chunk (WAL checkpoint replay); caller holds the lock and
    /// guarantees it is newer than every chunk held so far.</summary>
    public void AddSealedChunk(SealedChunk chunk, double lastValue)
    {
        Seal();
        _open = default;
        Push(chunk);
        MaxTime = chunk.MaxTime;
        _lastValueBits = BitConverter.DoubleToUInt64Bits(lastValue);
        if (chunk.MinTime < MinTime)
        {
            MinTime = chunk.MinTime;
        }
    }

    /// <summary>Records a deletion of [minTime, maxTime]; caller holds the lock.</summary>
    public void AddDeletion(long minTime, long maxTime)
    {
        var n = _deleted?.Length ?? 0;
        var grown = new TimeInterval[n + 1];
        _deleted?.CopyTo(grown, 0);
        grown[n] = new TimeInterval(minTime, maxTime);
        _deleted = grown;
    }

    /// <summary>Drops sealed chunks and out-of-order samples entirely older than <paramref name="minTime"/>;
    /// caller holds the lock. Returns the number of chunks removed.</summary>
    public int TruncateBefore(long minTime)
    {
        var keepFrom = 0;
        while (keepFrom < _sealed.Count && _sealed[keepFrom].MaxTime < minTime)
        {
            keepFrom++;
        }
        _sealed.RemoveFirst(keepFrom);
        if (_sealed.Count == 0 && _open.Count > 0 && _open.MaxTime < minTime)
        {
            // A series that stopped receiving samples: its open chunk is as old as the rest.
            _open = default;
            keepFrom++;
        }
        if (_outOfOrderCount > 0)
        {
            var kept = 0;
            for (var i = 0; i < _outOfOrderCount; i++)
            {
                if (_outOfOrder![i].TimestampMs >= minTime)
                {
                    _outOfOrder[kept++] = _outOfOrder[i];
                }
            }
            _outOfOrderCount = kept;
        }
        MinTime = long.MaxValue;
        if (_sealed.Count > 0)
        {
            MinTime = _sealed[0].MinTime;
        }
        else if (_open.Count > 0)
        {
            MinTime = _open.MinTime;
        }
        if (_outOfOrderCount > 0 && _outOfOrder![0].TimestampMs < MinTime)
        {
            MinTime = _outOfOrder[0].TimestampMs;
        }
        return keepFrom;
    }

    /// <summary>An immutable view of the data overlapping [minTime, maxTime]; caller holds the lock.
    /// The view shares chunk arrays, which are never mutated below their snapshotted length.</summary>
    public SeriesSnapshot Snapshot(long minTime, long maxTime)
    {
        var chunks = new List<SealedChunk>(_sealed.Count + 1);
        for (var i = 0; i < _sealed.Count; i++)
        {
            var c = _sealed[i];
            if (c.MaxTime >= minTime && c.MinTime <= maxTime)
            {
                chunks.Add(c);
            }
        }
        if (_open.Count > 0 && _open.MaxTime >= minTime && _open.MinTime <= maxTime)
        {
            chunks.Add(new SealedChunk(_open.Buffer, _open.BitLength, _open.Count, _open.MinTime, _open.MaxTime));
        }
        Sample[] ooo = [];
        if (_outOfOrderCount > 0)
        {
            var list = new List<Sample>();
            for (var i = 0; i < _outOfOrderCount; i++)
            {
                var s = _outOfOrder![i];
                if (s.TimestampMs >= minTime && s.TimestampMs <= maxTime)
                {
                    list.Add(s);
                }
            }
            ooo = [.. list];
        }
        return new SeriesSnapshot(Labels, [.. chunks], ooo, _deleted ?? [], minTime, maxTime);
    }

    /// <summary>Fills <paramref name="view"/> with what <see cref="Snapshot"/> would hold, without allocating;
    /// caller holds the lock.</summary>
    public void SnapshotInto(HeadSeriesView view, long minTime, long maxTime)
    {
        view.Begin(Labels, _deleted ?? [], minTime, maxTime);
        for (var i = 0; i < _sealed.Count; i++)
        {
            var c = _sealed[i];
            if (c.MaxTime >= minTime && c.MinTime <= maxTime)
            {
                view.AddChunk(c);
            }
        }
        if (_open.Count > 0 && _open.MaxTime >= minTime && _open.MinTime <= maxTime)
        {
            view.AddChunk(new SealedChunk(_open.Buffer, _open.BitLength, _open.Count, _open.MinTime, _open.MaxTime));
        }
        // The open chunk's last sample is the series' newest (out-of-order samples are always older than
        // it), straight from the encoder's state: an instant selector needs no decoding to find it.
        if (_open.Count > 0 && _open.MaxTime == MaxTime && _deleted is null)
        {
            view.SetLatest(_open.MaxTime, _open.LastValueBits);
        }
        for (var i = 0; i < _outOfOrderCount; i++)
        {
            var s = _outOfOrder![i];
            if (s.TimestampMs >= minTime && s.TimestampMs <= maxTime)
            {
                view.AddOutOfOrder(s);
            }
        }
    }

    /// <summary>Captures the full state for a checkpoint; caller holds the lock.</summary>
    public SeriesCheckpointState CaptureForCheckpoint()
    {
        var chunks = new SealedChunk[ChunkCount];
        _sealed.CopyTo(chunks);
        if (_open.Count > 0)
        {
            chunks[^1] = new SealedChunk(_open.Buffer, _open.BitLength, _open.Count, _open.MinTime, _open.MaxTime);
        }
        var ooo = _outOfOrderCount == 0 ? [] : _outOfOrder.AsSpan(0, _outOfOrderCount).ToArray();
        return new SeriesCheckpointState(this, chunks, ooo, _deleted ?? [], LastValue);
    }

    /// <summary>The last in-order value (for duplicate detection after a checkpoint replay).</summary>
    public double LastValue => BitConverter.UInt64BitsToDouble(_lastValueBits);

    public bool HasDeletions => _deleted is { Length: > 0 };

    /// <summary>Re-encodes the series without its deleted samples and forgets the deletions; caller holds
    /// the lock. Returns the change in chunk count.</summary>
    public int ApplyDeletions()
    {
        if (!HasDeletions)
        {
            return 0;
        }
        var before = ChunkCount;
        var view = Snapshot(long.MinValue, long.MaxValue);
        var iterator = (SeriesIterator)view.Iterator();
        var samples = new List<Sample>();
        while (iterator.Next() == SampleKind.Float)
        {
            samples.Add(new Sample(iterator.Timestamp, iterator.Value));
        }
        _sealed = default;
        _open = default;
        _outOfOrder = null;
        _outOfOrderCount = 0;
        _deleted = null;
        MaxTime = long.MinValue;
        MinTime = long.MaxValue;
        foreach (var sample in samples)
        {
            Append(sample.TimestampMs, sample.Value, long.MaxValue, out _, out _);
        }
        return ChunkCount - before;
    }

    /// <summary>True when some sample may lie in [minTime, maxTime]; caller holds the lock.</summary>
    public bool Overlaps(long minTime, long maxTime) => !IsEmpty && MinTime <= maxTime && Math.Max(MaxTime, LastOutOfOrderTime) >= minTime;

    private long LastOutOfOrderTime => _outOfOrderCount > 0 ? _outOfOrder![_outOfOrderCount - 1].TimestampMs : long.MinValue;

    /// <summary>Buffer size for a new open chunk. The next chunk of a series is about as big as its last one:
    /// sizing the buffer from it avoids growing (copying) it while appending, and lets sealing keep the
    /// buffer instead of copying it to trim it, so steady-state appends allocate only the chunk bytes.</summary>
    private int NextChunkBytes()
    {
        if (_sealed.Count == 0)
        {
            return XorEncoder.FirstChunkBytes;
        }
        var last = (_sealed[_sealed.Count - 1].BitLength + 7) >> 3;
        return last + (last >> 3) + BitWriter.SpareBytes;
    }

    private void Seal()
    {
        if (_open.Count == 0)
        {
            return;
        }
        Push(new SealedChunk(_open.ToSealedBytes(), _open.BitLength, _open.Count, _open.MinTime, _open.MaxTime));
        _open = default;
    }

    private void Push(SealedChunk chunk) => _sealed.Add(chunk);

    /// <summary>Index of <paramref name="timestamp"/> in the out-of-order buffer, or the bitwise
    /// complement of its insertion point.</summary>
    private int FindOutOfOrder(long timestamp)
    {
        var lo = 0;
        var hi = _outOfOrderCount - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var t = _outOfOrder![mid].TimestampMs;
            if (t == timestamp)
            {
                return mid;
            }
            if (t < timestamp)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return ~lo;
    }

    private AppendStatus InsertOutOfOrder(long timestamp, ulong bits)
    {
        _outOfOrder ??= new Sample[4];
        var found = FindOutOfOrder(timestamp);
        if (found >= 0)
        {
            return BitConverter.DoubleToUInt64Bits(_outOfOrder[found].Value) == bits ? AppendStatus.Ok : AppendStatus.Duplicate;
        }
        var lo = ~found;
        if (_outOfOrderCount == _outOfOrder.Length)
        {
            Array.Resize(ref _outOfOrder, _outOfOrder.Length * 2);
        }
        Array.Copy(_outOfOrder, lo, _outOfOrder, lo + 1, _outOfOrderCount - lo);
        _outOfOrder[lo] = new Sample(timestamp, BitConverter.UInt64BitsToDouble(bits));
        _outOfOrderCount++;
        if (timestamp < MinTime)
        {
            MinTime = timestamp;
        }
        return AppendStatus.Ok;
    }
}
