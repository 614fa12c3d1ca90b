using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Argus.Tsdb.Wal;

/// <summary>
/// Reads the records of one segment file and stops at the first damaged one (short header, impossible
/// length, short payload, CRC mismatch or unknown type).
/// </summary>
internal static class WalSegmentReader
{
    /// <summary>Checks framing and CRC of every record in order and appends the valid ones to <paramref name="records"/>.</summary>
    /// <returns>The offset after the last valid record and, if reading stopped early, why.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (long ValidLength, string? Damage) Scan(byte[] data, List<WalRecordSpan> records)
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
            var payloadOffset = offset + WalFormat.HeaderSize;
            var crc = ~Crc32C.Update(Crc32C.Update(0xFFFFFFFFu, header[..1]), data.AsSpan(payloadOffset, (int)length));
            if (crc != expectedCrc)
            {
                return (offset, $"CRC mismatch in record at offset {offset}");
            }
            records.Add(new WalRecordSpan((WalRecordType)type, payloadOffset, (int)length));
            offset = payloadOffset + (int)length;
        }
        return (offset, null);
    }
}
