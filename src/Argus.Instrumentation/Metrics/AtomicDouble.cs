namespace Argus.Instrumentation.Metrics;

/// <summary>
/// Lock-free arithmetic on a double stored as its IEEE-754 bits in a <c>long</c> field, so that
/// metric hot paths can add without taking a lock.
/// </summary>
internal static class AtomicDouble
{
    public static double Read(ref long bits) => BitConverter.Int64BitsToDouble(Volatile.Read(ref bits));

    public static void Write(ref long bits, double value) => Volatile.Write(ref bits, BitConverter.DoubleToInt64Bits(value));

    public static void Add(ref long bits, double delta)
    {
        var current = Volatile.Read(ref bits);
        while (true)
        {
            var updated = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + delta);
            var seen = Interlocked.CompareExchange(ref bits, updated, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
