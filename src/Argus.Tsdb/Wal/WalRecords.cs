using System.Buffers.Binary;
using System.Text;
using Argus.Model.Labels;

namespace Argus.Tsdb.Wal;

/// <summary>
/// Encoding and decoding of WAL record payloads (docs/format/wal.md). Decoders throw
/// <see cref="FormatException"/> on malformed payloads; CRC-valid payloads are only malformed by bugs.
/// </summary>
internal static class WalRecords
{
    public static void WriteSeries(RecordBuffer buffer, ulong id, LabelSet labels)
    {
        var start = buffer.BeginRecord(WalRecordType.Series);
        buffer.WriteUVarint(id);
        buffer.WriteUVarint((ulong)labels.Count);
        foreach (var label in labels.AsSpan())
        {
            buffer.WriteString(label.Name);
            buffer.WriteString(label.Value);
        }
        buffer.EndRecord(start);
    }

    public static void WriteTombstone(RecordBuffer buffer, ulong id, long minTime, long maxTime)
    {
        var start = buffer.BeginRecord(WalRecordType.Tombstones);
        buffer.WriteUVarint(id);
        buffer.WriteVarint(minTime);
        buffer.WriteVarint(maxTime);
        buffer.EndRecord(start);
    }

    public static void WriteChunk(RecordBuffer buffer, ulong id, Chunks.SealedChunk chunk, double lastValue)
    {
        var start = buffer.BeginRecord(WalRecordType.Chunk);
        buffer.WriteUVarint(id);
        buffer.WriteVarint(chunk.MinTime);
        buffer.WriteVarint(chunk.MaxTime);
        buffer.WriteUVarint((ulong)chunk.Count);
        buffer.WriteUVarint((ulong)chunk.BitLength);
        buffer.WriteUInt64(BitConverter.DoubleToUInt64Bits(lastValue));
        buffer.WriteBytes(chunk.Data.AsSpan(0, (chunk.BitLength + 7) >> 3));
        buffer.EndRecord(start);
    }

    public static SeriesRecord ReadSeries(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var id = reader.UVarint();
        var count = (int)reader.UVarint();
        var builder = new LabelSetBuilder();
        for (var i = 0; i < count; i++)
        {
            var name = reader.String();
            var value = reader.String();
            builder.Set(name, value);
        }
        return new SeriesRecord(id, builder.Build());
    }

    public static (ulong Id, long MinTime, long MaxTime) ReadTombstone(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        return (reader.UVarint(), reader.Varint(), reader.Varint());
    }

    public static (ulong Id, Chunks.SealedChunk Chunk, double LastValue) ReadChunk(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var id = reader.UVarint();
        var minTime = reader.Varint();
        var maxTime = reader.Varint();
        var count = (int)reader.UVarint();
        var bitLength = (int)reader.UVarint();
        var last = BitConverter.UInt64BitsToDouble(reader.UInt64());
        var data = reader.Rest().ToArray();
        if ((bitLength + 7) >> 3 != data.Length)
        {
            throw new FormatException($"chunk record of series {id}: bit length {bitLength} does not match {data.Length} data bytes");
        }
        return (id, new Chunks.SealedChunk(data, bitLength, count, minTime, maxTime), last);
    }

    /// <summary>Reads the samples of a <see cref="WalRecordType.Samples"/> payload.</summary>
    public static void ReadSamples(ReadOnlySpan<byte> payload, List<WalSample> into)
    {
        var reader = new PayloadReader(payload);
        var count = (int)reader.UVarint();
        if (count == 0)
        {
            return;
        }
        var baseId = reader.UVarint();
        var baseTime = reader.Varint();
        for (var i = 0; i < count; i++)
        {
            var id = (ulong)((long)baseId + reader.Varint());
            var t = baseTime + reader.Varint();
            var v = BitConverter.UInt64BitsToDouble(reader.UInt64());
            into.Add(new WalSample(id, t, v));
        }
    }

    /// <summary>Cursor over a payload; throws <see cref="FormatException"/> when it runs short.</summary>
    private ref struct PayloadReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _offset;

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

        public string String()
        {
            var length = (int)UVarint();
            if (length < 0 || _data.Length - _offset < length)
            {
                throw new FormatException("WAL record payload ended inside a string");
            }
            var s = LabelStrings.Intern(Encoding.UTF8.GetString(_data.Slice(_offset, length)));
            _offset += length;
            return s;
        }

        public ReadOnlySpan<byte> Rest() => _data[_offset..];
    }
}
