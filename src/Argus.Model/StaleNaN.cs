namespace Argus.Model;

/// <summary>
/// The staleness marker: a NaN with a specific bit pattern that tells the query engine a series
/// ended. It must survive every encode/decode bit-exactly, which is why code compares bits, not values.
/// </summary>
public static class StaleNaN
{
    public const ulong Bits = 0x7ff0000000000002UL;

    public static readonly double Value = BitConverter.UInt64BitsToDouble(Bits);

    public static bool Is(double value) => BitConverter.DoubleToUInt64Bits(value) == Bits;
}
