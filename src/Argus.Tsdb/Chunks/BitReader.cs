using System.Buffers.Binary;

namespace Argus.Tsdb.Chunks;

/// <summary>Reads bits most-significant first from a byte array, starting at a byte offset, up to a fixed bit length.</summary>
/// <remarks>A mutable struct held by value inside an iterator; not thread-safe.</remarks>
internal struct BitReader
{
    private readonly byte[] _buffer;
    private readonly int _offset;
    private int _position;
    private readonly int _bitLength;

    public BitReader(byte[] buffer, int bitLength)
        : this(buffer, 0, bitLength)
    {
    }

    public BitReader(byte[] buffer, int offset, int bitLength)
    {
        _buffer = buffer;
        _offset = offset;
        _bitLength = bitLength;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _bitLength - _position;

    public bool TryReadBit(out bool bit)
    {
        if (_position >= _bitLength)
        {
            bit = false;
            return false;
        }
        bit = (_buffer[_offset + (_position >> 3)] & (0x80 >> (_position & 7))) != 0;
        _position++;
        return true;
    }

    /// <summary>
    /// The next 64 bits of the array from the current position, most significant first, without moving.
    /// At least 57 of them are real (the position's bit offset within its byte is shifted out); bits past
    /// the stream's end are whatever follows it, so callers check <see cref="Remaining"/> before using
    /// what they take. False when fewer than 8 bytes are left in the array (the caller reads bit by bit).
    /// </summary>
    public readonly bool TryPeekWord(out ulong word)
    {
        var byteIndex = _offset + (_position >> 3);
        if (byteIndex + 8 > _buffer.Length)
        {
            word = 0;
            return false;
        }
        word = BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(byteIndex, 8)) << (_position & 7);
        return true;
    }

    /// <summary>Moves past <paramref name="count"/> bits the caller has taken from <see cref="TryPeekWord"/>.</summary>
    public void Skip(int count) => _position += count;

    /// <summary>Reads <paramref name="count"/> bits (0 ≤ count ≤ 64) as an unsigned number.</summary>
    public bool TryReadBits(int count, out ulong value)
    {
        value = 0;
        if (count > _bitLength - _position)
        {
            return false;
        }
        if (count > 56)
        {
            // A whole float (the first value of a chunk, a value with no common bits) in two word reads
            // instead of the byte-by-byte loop below.
            TryReadBits(count - 32, out var high);
            TryReadBits(32, out var low);
            value = (high << 32) | low;
            return true;
        }
        // Bytes past the stream's end (the next chunk in a shared array, spare bytes) may be read into
        // the word; the shift keeps only bits below the bit length, checked above.
        var byteIndex = _offset + (_position >> 3);
        if (count <= 56 && count > 0 && byteIndex + 8 <= _buffer.Length)
        {
            var word = BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(byteIndex, 8));
            value = (word << (_position & 7)) >> (64 - count);
            _position += count;
            return true;
        }
        while (count > 0)
        {
            var available = 8 - (_position & 7);
            var take = Math.Min(available, count);
            var current = _buffer[_offset + (_position >> 3)];
            var bits = (current >> (available - take)) & ((1 << take) - 1);
            value = (value << take) | (uint)bits;
            _position += take;
            count -= take;
        }
        return true;
    }

    public bool TryReadUVarint(out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (!TryReadBits(8, out var b))
            {
                return false;
            }
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }
        return false;
    }

    public bool TryReadVarint(out long value)
    {
        var ok = TryReadUVarint(out var raw);
        value = (long)(raw >> 1) ^ -(long)(raw & 1);
        return ok;
    }
}
