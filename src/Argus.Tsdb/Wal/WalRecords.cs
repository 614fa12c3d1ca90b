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
        buffer.WriteBytes(chunk.Bytes);
        buffer.EndRecord(start);
    }

    public static (ulong Id, long MinTime, long MaxTime) ReadTombstone(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        return (reader.UVarint(), reader.Varint(), reader.Varint());
    }

    /// <summary>Reads a chunk record whose payload is <paramref name="length"/> bytes at <paramref name="offset"/>
    /// of <paramref name="file"/>. The chunk references the file's array instead of copying its bytes, so a
    /// checkpoint's chunks cost one allocation per file, not one per chunk.</summary>
    public static (ulong Id, Chunks.SealedChunk Chunk, double LastValue) ReadChunk(byte[] file, int offset, int length)
    {
        var payload = file.AsSpan(offset, length);
        var reader = new PayloadReader(payload);
        var id = reader.UVarint();
        var minTime = reader.Varint();
        var maxTime = reader.Varint();
        var count = (int)reader.UVarint();
        var bitLength = (int)reader.UVarint();
        var last = BitConverter.UInt64BitsToDouble(reader.UInt64());
        var bytes = reader.Rest().Length;
        if ((bitLength + 7) >> 3 != bytes)
        {
            throw new FormatException($"chunk record of series {id}: bit length {bitLength} does not match {bytes} data bytes");
        }
        return (id, new Chunks.SealedChunk(file, bitLength, count, minTime, maxTime, offset + length - bytes), last);
    }
}
