using Argus.Model;
using Argus.Storage;
using Argus.Tsdb.Chunks;

namespace Argus.Tsdb.Head;

/// <summary>
/// Iterates a series' in-order chunks merged with its out-of-order samples, clamped to a time range and
/// skipping deleted intervals. When both sources hold the same timestamp the in-order sample wins.
/// </summary>
/// <remarks>Not thread-safe; reusable through <c>Reset</c> so a query allocates one per worker.</remarks>
internal sealed class SeriesIterator : ISampleIterator
{
    private SealedChunk[] _chunks = [];
    private int _chunkCount;
    private Sample[] _outOfOrder = [];
    private int _outOfOrderCount;
    private TimeInterval[] _deleted = [];
    private long _minTime;
    private long _maxTime;
    private int _chunkIndex;
    private XorDecoder _decoder;
    private bool _decoderActive;
    private bool _chunkSampleReady;
    private int _outOfOrderIndex;
    private bool _positioned;
    private bool _done;

    public long Timestamp { get; private set; }

    public double Value { get; private set; }

    public Exception? Error { get; private set; }

    public void Reset(SealedChunk[] chunks, Sample[] outOfOrder, TimeInterval[] deleted, long minTime, long maxTime) =>
        Reset(chunks, chunks.Length, outOfOrder, outOfOrder.Length, deleted, minTime, maxTime);

    /// <summary>Starts over on the first <paramref name="chunkCount"/> chunks and <paramref name="outOfOrderCount"/>
    /// out-of-order samples of the given arrays, which a reusable series view keeps between series.</summary>
    public void Reset(SealedChunk[] chunks, int chunkCount, Sample[] outOfOrder, int outOfOrderCount, TimeInterval[] deleted, long minTime, long maxTime)
    {
        _chunks = chunks;
        _chunkCount = chunkCount;
        _outOfOrder = outOfOrder;
        _outOfOrderCount = outOfOrderCount;
        _deleted = deleted;
        _minTime = minTime;
        _maxTime = maxTime;
        _chunkIndex = 0;
        _decoderActive = false;
        _chunkSampleReady = false;
        _outOfOrderIndex = 0;
        _positioned = false;
        _done = false;
        Error = null;
        Timestamp = long.MinValue;
        Value = 0;
    }

    public SampleKind Next()
    {
        if (_done)
        {
            return SampleKind.None;
        }
        while (true)
        {
            if (!_chunkSampleReady && !AdvanceChunkSample())
            {
                if (Error is not null)
                {
                    _done = true;
                    return SampleKind.None;
                }
            }
            var haveOoo = _outOfOrderIndex < _outOfOrderCount;
            if (!_chunkSampleReady && !haveOoo)
            {
                _done = true;
                return SampleKind.None;
            }
            long t;
            double v;
            if (_chunkSampleReady && (!haveOoo || _decoder.Timestamp <= _outOfOrder[_outOfOrderIndex].TimestampMs))
            {
                t = _decoder.Timestamp;
                v = _decoder.Value;
                _chunkSampleReady = false;
                if (haveOoo && _outOfOrder[_outOfOrderIndex].TimestampMs == t)
                {
                    _outOfOrderIndex++; // in-order sample wins a tie
                }
            }
            else
            {
                t = _outOfOrder[_outOfOrderIndex].TimestampMs;
                v = _outOfOrder[_outOfOrderIndex].Value;
                _outOfOrderIndex++;
            }
            if (t > _maxTime)
            {
                _done = true;
                return SampleKind.None;
            }
            if (t < _minTime || (_positioned && t <= Timestamp) || IsDeleted(t))
            {
                continue;
            }
            Timestamp = t;
            Value = v;
            _positioned = true;
            return SampleKind.Float;
        }
    }

    /// <summary>As the interface's default, with this sealed class's own calls, which the JIT inlines
    /// instead of dispatching three interface calls per sample.</summary>
    public int ReadFloats(ref SampleKind kind, long maxTime, Span<long> timestamps, Span<double> values)
    {
        var n = 0;
        var limit = Math.Min(timestamps.Length, values.Length);
        if (kind == SampleKind.Float && _outOfOrderIndex >= _outOfOrderCount && _deleted.Length == 0)
        {
            return ReadInOrderFloats(ref kind, maxTime, timestamps[..limit], values[..limit]);
        }
        while (kind == SampleKind.Float && n < limit && Timestamp <= maxTime)
        {
            timestamps[n] = Timestamp;
            values[n] = Value;
            n++;
            kind = Next();
        }
        return n;
    }

    /// <summary>
    /// <see cref="ReadFloats"/> once only in-order chunks remain and nothing is deleted (almost every
    /// series): samples come straight from the decoder, without <see cref="Next"/>'s merge with the
    /// out-of-order buffer and its deletion checks. Same results as calling <see cref="Next"/>.
    /// </summary>
    private int ReadInOrderFloats(ref SampleKind kind, long maxTime, Span<long> timestamps, Span<double> values)
    {
        var n = 0;
        while (n < timestamps.Length)
        {
            if (Timestamp > maxTime)
            {
                return n;
            }
            timestamps[n] = Timestamp;
            values[n] = Value;
            n++;
            while (true)
            {
                if (!_chunkSampleReady && !AdvanceChunkSample())
                {
                    _done = true;
                    kind = SampleKind.None;
                    return n;
                }
                var t = _decoder.Timestamp;
                _chunkSampleReady = false;
                if (t > _maxTime)
                {
                    _done = true;
                    kind = SampleKind.None;
                    return n;
                }
                // Overlapping chunks repeat timestamps; the first sample read wins, as in Next.
                if (t < _minTime || t <= Timestamp)
                {
                    continue;
                }
                Timestamp = t;
                Value = _decoder.Value;
                break;
            }
        }
        return n;
    }

    public SampleKind Seek(long timestampMs)
    {
        if (_done)
        {
            return SampleKind.None;
        }
        if (_positioned && Timestamp >= timestampMs)
        {
            return SampleKind.Float;
        }
        if (timestampMs > _minTime)
        {
            _minTime = timestampMs; // also lets AdvanceChunkSample skip whole chunks
        }
        return Next();
    }

    private bool AdvanceChunkSample()
    {
        while (true)
        {
            if (_decoderActive)
            {
                if (_decoder.Next())
                {
                    if (_decoder.Timestamp < _minTime)
                    {
                        continue;
                    }
                    _chunkSampleReady = true;
                    return true;
                }
                if (_decoder.Corrupt)
                {
                    Error = new StorageException("head chunk ended before its sample count: corrupt chunk data");
                    return false;
                }
                _decoderActive = false;
            }
            if (_chunkIndex >= _chunkCount)
            {
                return false;
            }
            var chunk = _chunks[_chunkIndex++];
            if (chunk.MaxTime < _minTime)
            {
                continue;
            }
            _decoder.Reset(chunk.Data, chunk.Offset, chunk.BitLength, chunk.Count);
            _decoderActive = true;
        }
    }

    private bool IsDeleted(long t)
    {
        foreach (var interval in _deleted)
        {
            if (interval.Contains(t))
            {
                return true;
            }
        }
        return false;
    }
}
