using Argus.Model;
using Argus.Model.Labels;
using Argus.Storage;
using Argus.Tsdb.Chunks;

namespace Argus.Tsdb.Head;

/// <summary>
/// The current series of a <see cref="HeadSeriesSet"/>: one object refilled for every series of the
/// selection, so walking a thousand series allocates nothing per series. Holds the same immutable
/// view as <see cref="SeriesSnapshot"/> (shared chunk bytes, copied chunk bounds and out-of-order
/// samples) in buffers that only grow.
/// </summary>
/// <remarks>Valid until the set moves on, as <see cref="ISeriesSet.Current"/> promises; not thread-safe.</remarks>
internal sealed class HeadSeriesView : ISeries, ILatestSample
{
    private SealedChunk[] _chunks = new SealedChunk[2];
    private Sample[] _outOfOrder = [];
    private int _chunkCount;
    private int _outOfOrderCount;
    private TimeInterval[] _deleted = [];
    private long _minTime;
    private long _maxTime;
    private bool _hasLatest;
    private long _latestTime;
    private ulong _latestBits;

    public LabelSet Labels { get; private set; } = LabelSet.Empty;

    public ISampleIterator Iterator(ISampleIterator? reuse = null)
    {
        var iterator = reuse as SeriesIterator ?? new SeriesIterator();
        iterator.Reset(_chunks, _chunkCount, _outOfOrder, _outOfOrderCount, _deleted, _minTime, _maxTime);
        return iterator;
    }

    public bool TryGetLatest(long atOrBefore, out long timestampMs, out double value)
    {
        timestampMs = _latestTime;
        value = BitConverter.UInt64BitsToDouble(_latestBits);
        return _hasLatest && _latestTime <= atOrBefore && _latestTime >= _minTime && _latestTime <= _maxTime;
    }

    /// <summary>Records the series' newest sample, taken from its open chunk under the series' lock;
    /// only called when no deletion could hide it.</summary>
    public void SetLatest(long timestampMs, ulong valueBits)
    {
        _hasLatest = true;
        _latestTime = timestampMs;
        _latestBits = valueBits;
    }

    /// <summary>Starts filling the view for another series; the series' lock is held by the caller.</summary>
    public void Begin(LabelSet labels, TimeInterval[] deleted, long minTime, long maxTime)
    {
        Labels = labels;
        _deleted = deleted;
        _minTime = minTime;
        _maxTime = maxTime;
        _chunkCount = 0;
        _outOfOrderCount = 0;
        _hasLatest = false;
    }

    public void AddChunk(SealedChunk chunk)
    {
        if (_chunkCount == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length * 2);
        }
        _chunks[_chunkCount++] = chunk;
    }

    public void AddOutOfOrder(Sample sample)
    {
        if (_outOfOrderCount == _outOfOrder.Length)
        {
            Array.Resize(ref _outOfOrder, Math.Max(8, _outOfOrder.Length * 2));
        }
        _outOfOrder[_outOfOrderCount++] = sample;
    }
}
