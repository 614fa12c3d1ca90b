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

    public static SeriesRecord ReadSeries(ReadOnlySpan<byte> payload) => ReadSeries(payload, new LabelSetBuilder());

    /// <summary>As <see cref="ReadSeries(ReadOnlySpan{byte})"/> with a builder the caller reuses.</summary>
    public static SeriesRecord ReadSeries(ReadOnlySpan<byte> payload, LabelSetBuilder builder)
    {
        var reader = new PayloadReader(payload);
        var id = reader.UVarint();
        var count = (int)reader.UVarint();
        builder.Reset();
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
}
