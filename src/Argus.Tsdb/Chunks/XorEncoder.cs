using System.Numerics;

namespace Argus.Tsdb.Chunks;

/// <summary>
/// Encodes float samples into a Gorilla-style chunk: delta-of-delta timestamps and XOR-ed values
/// (format in docs/format/chunks.md). Values are compared and stored as raw bits, so every NaN
/// payload (the stale marker in particular) round-trips bit-exactly.
/// </summary>
/// <remarks>A mutable struct embedded in the series that owns it; the series lock serialises writers.
/// Timestamps must be strictly increasing; the caller checks that before appending.</remarks>
internal struct XorEncoder
{
    /// <summary>Samples per chunk before the head seals it and opens a new one.</summary>
    public const int TargetSamples = 120;

    /// <summary>Initial buffer of a series' first chunk; later chunks are sized from the previous one.</summary>
    public const int FirstChunkBytes = 32;

    private BitWriter _bits;
    private long _lastTimestamp;
    private long _lastDelta;
    private ulong _lastValueBits;
    private byte _leading;
    private byte _trailing;
    private ushort _count;
    private long _minTime;

    public static XorEncoder Create(int initialBytes = FirstChunkBytes)
    {
        var encoder = new XorEncoder { _bits = new BitWriter(initialBytes), _leading = 0xff };
        return encoder;
    }

    public readonly int Count => _count;

    public readonly long MinTime => _minTime;

    public readonly long MaxTime => _lastTimestamp;

    /// <summary>Bits of the last appended value (meaningful when <see cref="Count"/> &gt; 0).</summary>
    public readonly ulong LastValueBits => _lastValueBits;

    public readonly byte[] Buffer => _bits.Buffer;

    public readonly int BitLength => _bits.BitLength;

    public readonly bool IsInitialized => _bits.Buffer is not null;

    public void Append(long timestamp, double value)
    {
        var valueBits = BitConverter.DoubleToUInt64Bits(value);
        switch (_count)
        {
            case 0:
                _bits.WriteVarint(timestamp);
                _bits.WriteBits(valueBits, 64);
                _minTime = timestamp;
                break;
            case 1:
                _lastDelta = timestamp - _lastTimestamp;
                _bits.WriteUVarint((ulong)_lastDelta);
                WriteValue(valueBits);
                break;
            default:
                var delta = timestamp - _lastTimestamp;
                WriteDeltaOfDelta(delta - _lastDelta);
                _lastDelta = delta;
                WriteValue(valueBits);
                break;
        }
        _lastTimestamp = timestamp;
        _lastValueBits = valueBits;
        _count++;
    }

    public readonly int ByteLength => _bits.ByteLength;

    /// <summary>The encoded bytes for sealing (see <see cref="BitWriter.ToSealedArray"/>); no append may follow.</summary>
    public readonly byte[] ToSealedBytes() => _bits.ToSealedArray();

    private void WriteDeltaOfDelta(long dod)
    {
        // Buckets sized for scrape jitter: most dods are 0, jitter of a few ms fits 14 bits.
        if (dod == 0)
        {
            _bits.WriteBit(false);
        }
        else if (FitsSigned(dod, 14))
        {
            _bits.WriteBits(0b10, 2);
            _bits.WriteBits((ulong)dod, 14);
        }
        else if (FitsSigned(dod, 17))
        {
            _bits.WriteBits(0b110, 3);
            _bits.WriteBits((ulong)dod, 17);
        }
        else if (FitsSigned(dod, 20))
        {
            _bits.WriteBits(0b1110, 4);
            _bits.WriteBits((ulong)dod, 20);
        }
        else
        {
            _bits.WriteBits(0b1111, 4);
            _bits.WriteBits((ulong)dod, 64);
        }
    }

    private void WriteValue(ulong valueBits)
    {
        var xor = valueBits ^ _lastValueBits;
        if (xor == 0)
        {
            _bits.WriteBit(false);
            return;
        }
        var leading = Math.Min(BitOperations.LeadingZeroCount(xor), 31);
        var trailing = BitOperations.TrailingZeroCount(xor);
        if (_leading != 0xff && leading >= _leading && trailing >= _trailing)
        {
            // The meaningful bits fit the previous window: reuse it and skip the 11-bit header.
            _bits.WriteBits(0b10, 2);
            _bits.WriteBits(xor >> _trailing, 64 - _leading - _trailing);
            return;
        }
        var significant = 64 - leading - trailing;
        _bits.WriteBits(0b11, 2);
        _bits.WriteBits((ulong)leading, 5);
        _bits.WriteBits((ulong)(significant & 63), 6); // 64 is stored as 0
        _bits.WriteBits(xor >> trailing, significant);
        _leading = (byte)leading;
        _trailing = (byte)trailing;
    }

    private static bool FitsSigned(long value, int bits)
    {
        var limit = 1L << (bits - 1);
        return value >= -limit && value < limit;
    }
}
