using System.Numerics;

namespace Argus.Tsdb.Chunks;

/// <summary>
/// Decodes a chunk written by <see cref="XorEncoder"/>. A mutable struct so iterators embed it and
/// reuse it across chunks without allocating.
/// </summary>
/// <remarks>Not thread-safe. Reading a snapshot (buffer, bit length, count) of an open chunk is safe
/// while the writer appends, because the writer never changes bits below its current length.</remarks>
internal struct XorDecoder
{
    private BitReader _bits;
    private int _count;
    private int _read;
    private long _timestamp;
    private long _delta;
    private ulong _valueBits;
    private int _leading;
    private int _trailing;

    public XorDecoder(byte[] buffer, int bitLength, int count)
    {
        Reset(buffer, 0, bitLength, count);
    }

    public XorDecoder(SealedChunk chunk)
    {
        Reset(chunk.Data, chunk.Offset, chunk.BitLength, chunk.Count);
    }

    public readonly long Timestamp => _timestamp;

    public readonly double Value => BitConverter.UInt64BitsToDouble(_valueBits);

    /// <summary>True when the data ended before <c>count</c> samples were read (a corrupt chunk).</summary>
    public bool Corrupt { get; private set; }

    /// <summary>Starts decoding the stream that begins at byte <paramref name="offset"/> of <paramref name="buffer"/>.</summary>
    public void Reset(byte[] buffer, int offset, int bitLength, int count)
    {
        _bits = new BitReader(buffer, offset, bitLength);
        _count = count;
        _read = 0;
        _timestamp = 0;
        _delta = 0;
        _valueBits = 0;
        _leading = 0;
        _trailing = 0;
        Corrupt = false;
    }

    /// <summary>Moves to the next sample; false at the end or on corrupt data (see <see cref="Corrupt"/>).</summary>
    public bool Next()
    {
        if (_read >= _count || Corrupt)
        {
            return false;
        }
        bool ok;
        switch (_read)
        {
            case 0:
                ok = _bits.TryReadVarint(out _timestamp) && _bits.TryReadBits(64, out _valueBits);
                break;
            case 1:
                ok = _bits.TryReadUVarint(out var delta) && ReadValue();
                _delta = (long)delta;
                _timestamp += _delta;
                break;
            default:
                ok = ReadDeltaOfDeltaFast(out var dod) && ReadValueFast();
                _delta += dod;
                _timestamp += _delta;
                break;
        }
        if (!ok)
        {
            Corrupt = true;
            return false;
        }
        _read++;
        return true;
    }

    /// <summary>Decodes the delta of delta from one peeked word: the prefix is the count of leading one
    /// bits and the field follows in the same word, so a sample costs one array read instead of one per
    /// prefix bit. Falls back to <see cref="ReadDeltaOfDelta"/> near the array's end and for 64-bit fields.</summary>
    private bool ReadDeltaOfDeltaFast(out long dod)
    {
        if (!_bits.TryPeekWord(out var word))
        {
            return ReadDeltaOfDelta(out dod);
        }
        int prefixBits, width;
        switch (BitOperations.LeadingZeroCount(~word))
        {
            case 0:
                dod = 0;
                if (_bits.Remaining < 1)
                {
                    return false;
                }
                _bits.Skip(1);
                return true;
            case 1:
                (prefixBits, width) = (2, 14);
                break;
            case 2:
                (prefixBits, width) = (3, 17);
                break;
            case 3:
                (prefixBits, width) = (4, 20);
                break;
            default:
                return ReadDeltaOfDelta(out dod);
        }
        if (prefixBits + width > _bits.Remaining)
        {
            dod = 0;
            return false;
        }
        // The arithmetic shift sign-extends the field.
        dod = (long)(word << prefixBits) >> (64 - width);
        _bits.Skip(prefixBits + width);
        return true;
    }

    /// <summary>Decodes a value's control bits, window and XOR-ed bits from one peeked word when they fit
    /// in it (57 bits), otherwise reads the XOR-ed bits separately; same result as <see cref="ReadValue"/>.</summary>
    private bool ReadValueFast()
    {
        if (!_bits.TryPeekWord(out var word))
        {
            return ReadValue();
        }
        if ((word & (1UL << 63)) == 0)
        {
            if (_bits.Remaining < 1)
            {
                return false;
            }
            _bits.Skip(1);
            return true;
        }
        var header = 2;
        if ((word & (1UL << 62)) != 0)
        {
            header = 13;
            if (header > _bits.Remaining)
            {
                return false;
            }
            var leading = (int)((word >> 57) & 0x1F);
            var significant = (int)((word >> 51) & 0x3F);
            if (significant == 0)
            {
                significant = 64;
            }
            if (64 - leading - significant < 0)
            {
                return false;
            }
            _leading = leading;
            _trailing = 64 - leading - significant;
        }
        var width = 64 - _leading - _trailing;
        if (header + width > _bits.Remaining)
        {
            return false;
        }
        ulong meaningful;
        if (header + width <= 57)
        {
            meaningful = (word << header) >> (64 - width);
            _bits.Skip(header + width);
        }
        else
        {
            _bits.Skip(header);
            _bits.TryReadBits(width, out meaningful);
        }
        _valueBits ^= meaningful << _trailing;
        return true;
    }

    private bool ReadDeltaOfDelta(out long dod)
    {
        dod = 0;
        var prefix = 0;
        while (prefix < 4)
        {
            if (!_bits.TryReadBit(out var bit))
            {
                return false;
            }
            if (!bit)
            {
                break;
            }
            prefix++;
        }
        var width = prefix switch
        {
            0 => 0,
            1 => 14,
            2 => 17,
            3 => 20,
            _ => 64,
        };
        if (width == 0)
        {
            return true;
        }
        if (!_bits.TryReadBits(width, out var raw))
        {
            return false;
        }
        dod = width == 64 ? (long)raw : (long)(raw << (64 - width)) >> (64 - width);
        return true;
    }

    private bool ReadValue()
    {
        if (!_bits.TryReadBit(out var changed))
        {
            return false;
        }
        if (!changed)
        {
            return true;
        }
        if (!_bits.TryReadBit(out var newWindow))
        {
            return false;
        }
        if (newWindow)
        {
            if (!_bits.TryReadBits(5, out var leading) || !_bits.TryReadBits(6, out var significant))
            {
                return false;
            }
            if (significant == 0)
            {
                significant = 64;
            }
            _leading = (int)leading;
            _trailing = 64 - _leading - (int)significant;
            if (_trailing < 0)
            {
                return false;
            }
        }
        var width = 64 - _leading - _trailing;
        if (!_bits.TryReadBits(width, out var meaningful))
        {
            return false;
        }
        _valueBits ^= meaningful << _trailing;
        return true;
    }
}
