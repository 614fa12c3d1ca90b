using System.Buffers.Binary;

namespace Argus.Tsdb.Chunks;

/// <summary>
/// Appends bits most-significant first to a growable byte array. Bits are only ever OR-ed into bytes
/// past the current length, so a reader that snapshotted (buffer, bit length) earlier keeps seeing
/// the same bits: the head relies on this to let queries read an open chunk without copying it.
/// </summary>
/// <remarks>Not thread-safe for writers; one writer per chunk (the series lock holder).</remarks>
internal struct BitWriter
{
    /// <summary>Bytes kept free past the written ones so <see cref="WriteBits"/> can use one 64-bit access.</summary>
    public const int SpareBytes = 8;

    private byte[] _buffer;
    private int _bitLength;

    public BitWriter(int initialBytes)
    {
        _buffer = new byte[initialBytes];
        _bitLength = 0;
    }

    /// <summary>The backing array; replaced (never mutated below the bit length) when it grows.</summary>
    public readonly byte[] Buffer => _buffer;

    public readonly int BitLength => _bitLength;

    public readonly int ByteLength => (_bitLength + 7) >> 3;

    public void WriteBit(bool bit)
    {
        EnsureCapacity(1);
        if (bit)
        {
            _buffer[_bitLength >> 3] |= (byte)(0x80 >> (_bitLength & 7));
        }
        _bitLength++;
    }

    /// <summary>Writes the low <paramref name="count"/> bits of <paramref name="value"/> (0 ≤ count ≤ 64).</summary>
    public void WriteBits(ulong value, int count)
    {
        if (count == 0)
        {
            return;
        }
        if (count > 56)
        {
            WriteBits(value >> 32, count - 32);
            WriteBits(value & 0xFFFF_FFFFUL, 32);
            return;
        }
        EnsureCapacity(count);
        value &= (1UL << count) - 1;
        var byteIndex = _bitLength >> 3;
        var shift = 64 - (_bitLength & 7) - count;
        // One big-endian 64-bit read-modify-write. Bytes below the bit length are rewritten with the same
        // value, so concurrent readers of the written prefix still see stable bits.
        var span = _buffer.AsSpan(byteIndex, 8);
        BinaryPrimitives.WriteUInt64BigEndian(span, BinaryPrimitives.ReadUInt64BigEndian(span) | (value << shift));
        _bitLength += count;
    }

    /// <summary>Writes an unsigned LEB128 varint, byte-wise through the bit stream.</summary>
    public void WriteUVarint(ulong value)
    {
        while (value >= 0x80)
        {
            WriteBits((value & 0x7f) | 0x80, 8);
            value >>= 7;
        }
        WriteBits(value, 8);
    }

    /// <summary>Writes a zig-zag encoded signed varint.</summary>
    public void WriteVarint(long value) => WriteUVarint((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>A right-sized copy of the written bytes.</summary>
    public readonly byte[] ToTrimmedArray() => _buffer.AsSpan(0, ByteLength).ToArray();

    /// <summary>The bytes for a sealed chunk: the buffer itself when it has little slack (no more writes
    /// follow, and readers already share it), otherwise a trimmed copy.</summary>
    public readonly byte[] ToSealedArray()
    {
        var used = ByteLength;
        return _buffer.Length - used <= SpareBytes + (used >> 2) ? _buffer : _buffer.AsSpan(0, used).ToArray();
    }

    private void EnsureCapacity(int bits)
    {
        var neededBytes = ((_bitLength + bits + 7) >> 3) + SpareBytes;
        if (neededBytes > _buffer.Length)
        {
            // The old array stays valid for readers holding it: copy, never mutate in place.
            var grown = new byte[Math.Max(neededBytes, _buffer.Length * 2)];
            _buffer.AsSpan(0, ByteLength).CopyTo(grown);
            _buffer = grown;
        }
    }
}
