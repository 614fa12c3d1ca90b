namespace Argus.Model.Tests;

public class StaleNaNTests
{
    [Fact]
    public void The_stale_marker_is_a_NaN_told_apart_from_ordinary_NaN_by_its_bits()
    {
        Assert.True(double.IsNaN(StaleNaN.Value));
        Assert.True(StaleNaN.Is(StaleNaN.Value));
        Assert.False(StaleNaN.Is(double.NaN));
        Assert.Equal(0x7ff0000000000002UL, BitConverter.DoubleToUInt64Bits(StaleNaN.Value));
    }
}
