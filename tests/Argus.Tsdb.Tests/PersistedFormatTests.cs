using Argus.Tsdb.Wal;

namespace Argus.Tsdb.Tests;

/// <summary>Values written to disk must never change meaning.</summary>
public class PersistedFormatTests
{
    [Fact]
    public void Wal_record_type_numbers_are_frozen()
    {
        Assert.Equal(1, (byte)WalRecordType.Series);
        Assert.Equal(2, (byte)WalRecordType.Samples);
        Assert.Equal(3, (byte)WalRecordType.Tombstones);
        Assert.Equal(4, (byte)WalRecordType.Chunk);
        Assert.Equal(4, Enum.GetValues<WalRecordType>().Length);
    }

    [Fact]
    public void Segment_names_are_eight_digit_decimal_indexes()
    {
        Assert.Equal("00000000", WalFormat.SegmentName(0));
        Assert.Equal("00000123", WalFormat.SegmentName(123));
    }
}
