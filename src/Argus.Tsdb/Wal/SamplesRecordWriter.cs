namespace Argus.Tsdb.Wal;

/// <summary>
/// Builds one <see cref="WalRecordType.Samples"/> record incrementally: ids and timestamps are stored as
/// zig-zag varint deltas from the first sample, values as 8 raw bytes (bit-exact NaNs).
/// </summary>
/// <remarks>Not thread-safe. The sample count is a 5-byte varint reserved up front and patched at the end,
/// so the record is built in one pass without knowing the count in advance.</remarks>
internal struct SamplesRecordWriter
{
    private int _start;
    private int _countOffset;
    private int _count;
    private ulong _baseId;
    private long _baseTime;

    public void Begin(RecordBuffer buffer)
    {
        _start = buffer.BeginRecord(WalRecordType.Samples);
        _countOffset = buffer.Length;
        for (var i = 0; i < 4; i++)
        {
            buffer.WriteByte(0x80);
        }
        buffer.WriteByte(0);
        _count = 0;
    }

    public void Add(RecordBuffer buffer, ulong id, long timestamp, double value)
    {
        if (_count == 0)
        {
            _baseId = id;
            _baseTime = timestamp;
            buffer.WriteUVarint(id);
            buffer.WriteVarint(timestamp);
        }
        buffer.WriteVarint((long)(id - _baseId));
        buffer.WriteVarint(timestamp - _baseTime);
        buffer.WriteUInt64(BitConverter.DoubleToUInt64Bits(value));
        _count++;
    }

    /// <summary>Finishes the record, or removes it when it holds no sample.</summary>
    public readonly void End(RecordBuffer buffer)
    {
        if (_count == 0)
        {
            buffer.Truncate(_start);
            return;
        }
        buffer.PatchUVarint5(_countOffset, (uint)_count);
        buffer.EndRecord(_start);
    }
}
