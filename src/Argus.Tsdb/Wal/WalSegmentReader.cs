using System.Buffers.Binary;

namespace Argus.Tsdb.Wal;

/// <summary>
/// Reads the records of one segment file and stops at the first damaged one (short header, impossible
/// length, short payload, CRC mismatch or unknown type).
/// </summary>
internal static class WalSegmentReader
{
    /// <summary>Calls <paramref name="onRecord"/> for each valid record in order.</summary>
    /// <returns>The offset after the last valid record and, if reading stopped early, why.</returns>
    public static (long ValidLength, string? Damage) Read(byte[] data, Action<WalRecordType, ReadOnlyMemory<byte>> onRecord)
    {
        var offset = 0;
        while (offset < data.Length)
        {
            if (data.Length - offset < WalFormat.HeaderSize)
            {
                return (offset, $"torn record header at offset {offset}");
            }
            var header = data.AsSpan(offset, WalFormat.HeaderSize);
            var type = header[0];
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header[1..]);
            var expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(header[5..]);
            if (type is < (byte)WalRecordType.Series or > (byte)WalRecordType.Chunk)
            {
                return (offset, $"unknown record type {type} at offset {offset}");
            }
            if (length > WalFormat.MaxPayload || length > data.Length - offset - WalFormat.HeaderSize)
            {
                return (offset, $"record at offset {offset} claims {length} bytes, beyond the end of the segment");
            }
            var payload = data.AsMemory(offset + WalFormat.HeaderSize, (int)length);
            var crc = ~Crc32C.Update(Crc32C.Update(0xFFFFFFFFu, header[..1]), payload.Span);
            if (crc != expectedCrc)
            {
                return (offset, $"CRC mismatch in record at offset {offset}");
            }
            onRecord((WalRecordType)type, payload);
            offset += WalFormat.HeaderSize + (int)length;
        }
        return (offset, null);
    }
}
