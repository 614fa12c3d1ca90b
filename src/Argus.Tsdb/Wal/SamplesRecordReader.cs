using System.Runtime.CompilerServices;

namespace Argus.Tsdb.Wal;

/// <summary>
/// Walks the samples of a <see cref="WalRecordType.Samples"/> payload one at a time, without allocating
/// (the replay hot path decodes every sample of the WAL through this).
/// </summary>
/// <remarks>A ref struct over the payload; throws <see cref="FormatException"/> on a malformed payload.</remarks>
internal ref struct SamplesRecordReader
{
    private PayloadReader _reader;
    private readonly ulong _baseId;
    private readonly long _baseTime;
    private int _remaining;

    public SamplesRecordReader(ReadOnlySpan<byte> payload)
    {
        _reader = new PayloadReader(payload);
        _remaining = (int)_reader.UVarint();
        if (_remaining < 0)
        {
            throw new FormatException("samples record with a negative count");
        }
        if (_remaining > 0)
        {
            _baseId = _reader.UVarint();
            _baseTime = _reader.Varint();
        }
    }

    /// <summary>The next sample, or false after the last one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(out ulong seriesId, out long timestampMs, out double value)
    {
        if (_remaining == 0)
        {
            seriesId = 0;
            timestampMs = 0;
            value = 0;
            return false;
        }
        _remaining--;
        seriesId = (ulong)((long)_baseId + _reader.Varint());
        timestampMs = _baseTime + _reader.Varint();
        value = BitConverter.UInt64BitsToDouble(_reader.UInt64());
        return true;
    }
}
