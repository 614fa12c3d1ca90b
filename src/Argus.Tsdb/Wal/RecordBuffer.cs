using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Argus.Tsdb.Wal;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}"/> for building WAL records. The owner
/// must call <see cref="Dispose"/> to return the array.
/// </summary>
/// <remarks>Not thread-safe; one owner.</remarks>
internal sealed class RecordBuffer : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public RecordBuffer(int initialCapacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    public int Length => _length;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Starts a record frame; returns the offset to pass to <see cref="EndRecord"/>.</summary>
    public int BeginRecord(WalRecordType type)
    {
        var start = _length;
        Ensure(WalFormat.HeaderSize);
        _buffer[_length] = (byte)type;
        _length += WalFormat.HeaderSize;
        return start;
    }

    /// <summary>Fills in length and CRC of the record started at <paramref name="start"/>.</summary>
    public void EndRecord(int start)
    {
        var payloadLength = _length - start - WalFormat.HeaderSize;
        var header = _buffer.AsSpan(start, WalFormat.HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header[1..], (uint)payloadLength);
        var crc = Crc32C.Update(0xFFFFFFFFu, header[..1]);
        crc = ~Crc32C.Update(crc, _buffer.AsSpan(start + WalFormat.HeaderSize, payloadLength));
        BinaryPrimitives.WriteUInt32LittleEndian(header[5..], crc);
    }

    /// <summary>Drops everything written from <paramref name="start"/> on.</summary>
    public void Truncate(int start) => _length = start;

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteUVarint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_length++] = (byte)value;
    }

    /// <summary>Overwrites 5 reserved bytes at <paramref name="offset"/> with a fixed-width varint.</summary>
    public void PatchUVarint5(int offset, uint value)
    {
        for (var i = 0; i < 4; i++)
        {
            _buffer[offset + i] = (byte)((value & 0x7f) | 0x80);
            value >>= 7;
        }
        _buffer[offset + 4] = (byte)value;
    }

    public void WriteVarint(long value) => WriteUVarint((ulong)((value << 1) ^ (value >> 63)));

    public void WriteUInt64(ulong value)
    {
        Ensure(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void WriteString(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Ensure(max + 5);
        var count = Encoding.UTF8.GetByteCount(value);
        WriteUVarint((ulong)count);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }

    private void Ensure(int extra)
    {
        if (_length + extra <= _buffer.Length)
        {
            return;
        }
        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + extra));
        _buffer.AsSpan(0, _length).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }
}
