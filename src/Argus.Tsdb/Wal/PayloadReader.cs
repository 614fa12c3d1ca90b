using System.Buffers.Binary;

namespace Argus.Tsdb.Wal;

/// <summary>Cursor over a WAL record payload; throws <see cref="FormatException"/> when it runs short.</summary>
internal ref struct PayloadReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _offset;

    public readonly bool AtEnd => _offset >= _data.Length;

    public ulong UVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_offset >= _data.Length)
            {
                throw new FormatException("WAL record payload ended inside a varint");
            }
            var b = _data[_offset++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw new FormatException("WAL record varint longer than 10 bytes");
    }

    public long Varint()
    {
        var raw = UVarint();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public ulong UInt64()
    {
        if (_data.Length - _offset < 8)
        {
            throw new FormatException("WAL record payload ended inside a 64-bit value");
        }
        var v = BinaryPrimitives.ReadUInt64LittleEndian(_data[_offset..]);
        _offset += 8;
        return v;
    }

    /// <summary>The bytes of a length-prefixed UTF-8 string.</summary>
    public ReadOnlySpan<byte> StringBytes()
    {
        var length = (int)UVarint();
        if (length < 0 || _data.Length - _offset < length)
        {
            throw new FormatException("WAL record payload ended inside a string");
        }
        var bytes = _data.Slice(_offset, length);
        _offset += length;
        return bytes;
    }

    public readonly ReadOnlySpan<byte> Rest() => _data[_offset..];
}
