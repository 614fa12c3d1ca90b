using System.Numerics;

namespace Argus.Tsdb.Chunks;

/// <summary>
/// The compact chunk encoding used in blocks (docs/format/chunks.md, "Packed block chunks"): timestamps
/// as frame-of-reference bit-packed delta-of-deltas, values either as bit-packed integer deltas at a
/// detected decimal scale (integer counters, 0.01-step counters, 4096-multiple gauges) or as a Gorilla
/// XOR stream. Decoding turns a packed chunk back into the XOR chunk the head and queries read, so
/// nothing past the block reader sees this encoding.
/// </summary>
/// <remarks>Stateless and thread-safe. Block writing and chunk reads only; never on the append path.</remarks>
internal static class PackedChunkCodec
{
    /// <summary>Largest decimal scale tried: values that are integers × 10^-k for k ≤ this.</summary>
    private const int MaxScale = 6;

    private const int XorValues = 0;
    private const int DecimalValues = 1;

    private static readonly double[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    /// <summary>Packs the samples of an XOR chunk; returns the packed bytes.</summary>
    /// <exception cref="InvalidDataException">The XOR chunk is damaged.</exception>
    public static byte[] Encode(SealedChunk chunk)
    {
        var timestamps = new long[chunk.Count];
        var values = new double[chunk.Count];
        var decoder = new XorDecoder(chunk);
        for (var i = 0; i < chunk.Count; i++)
        {
            if (!decoder.Next())
            {
                throw new InvalidDataException($"chunk {chunk.MinTime}..{chunk.MaxTime} holds fewer than {chunk.Count} samples");
            }
            timestamps[i] = decoder.Timestamp;
            values[i] = decoder.Value;
        }
        return Encode(timestamps, values);
    }

    /// <summary>Packs <paramref name="timestamps"/> (strictly increasing) and <paramref name="values"/> of equal length ≥ 1.</summary>
    public static byte[] Encode(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        var bits = new BitWriter(16 + (timestamps.Length * 4));
        WriteColumn(ref bits, timestamps);
        var scale = DecimalScale(values);
        if (scale < 0)
        {
            bits.WriteBit(false);
            WriteXorValues(ref bits, values);
        }
        else
        {
            bits.WriteBit(true);
            bits.WriteBits((ulong)scale, 3);
            var power = Powers[scale];
            Span<long> integers = values.Length <= 512 ? stackalloc long[values.Length] : new long[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                integers[i] = (long)Math.Round(values[i] * power);
            }
            WriteColumn(ref bits, integers);
        }
        return bits.ToTrimmedArray();
    }

    /// <summary>Decodes a packed chunk of <paramref name="count"/> samples back into an XOR chunk.</summary>
    /// <exception cref="InvalidDataException">The bytes are truncated or inconsistent.</exception>
    public static SealedChunk Decode(byte[] packed, int count)
    {
        if (count < 1)
        {
            throw new InvalidDataException("packed chunk with no samples");
        }
        var reader = new BitReader(packed, packed.Length * 8);
        var timestamps = new long[count];
        ReadColumn(ref reader, timestamps);
        var values = new double[count];
        if (!reader.TryReadBit(out var isDecimal))
        {
            throw new InvalidDataException("packed chunk ends before its value mode");
        }
        if (isDecimal)
        {
            var scale = (int)ReadBits(ref reader, 3);
            if (scale > MaxScale)
            {
                throw new InvalidDataException($"packed chunk has decimal scale {scale}, above {MaxScale}");
            }
            var power = Powers[scale];
            var integers = new long[count];
            ReadColumn(ref reader, integers);
            for (var i = 0; i < count; i++)
            {
                values[i] = integers[i] / power;
            }
        }
        else
        {
            ReadXorValues(ref reader, values);
        }
        var encoder = XorEncoder.Create(16 + (count * 2));
        for (var i = 0; i < count; i++)
        {
            if (i > 0 && timestamps[i] <= timestamps[i - 1])
            {
                throw new InvalidDataException("packed chunk decodes to timestamps that do not increase");
            }
            encoder.Append(timestamps[i], values[i]);
        }
        return new SealedChunk(encoder.ToSealedBytes(), encoder.BitLength, encoder.Count, encoder.MinTime, encoder.MaxTime);
    }

    /// <summary>A column of integers: the first as a zig-zag varint, then (from two numbers on) one bit choosing
    /// deltas (0) or a first delta plus delta-of-deltas (1), whichever packs smaller, packed by <see cref="WritePacked"/>.
    /// Arithmetic wraps, which the decoder undoes exactly.</summary>
    private static void WriteColumn(ref BitWriter bits, ReadOnlySpan<long> numbers)
    {
        bits.WriteVarint(numbers[0]);
        if (numbers.Length < 2)
        {
            return;
        }
        Span<long> deltas = numbers.Length <= 512 ? stackalloc long[numbers.Length - 1] : new long[numbers.Length - 1];
        for (var i = 1; i < numbers.Length; i++)
        {
            deltas[i - 1] = unchecked(numbers[i] - numbers[i - 1]);
        }
        Span<long> dods = numbers.Length <= 512 ? stackalloc long[numbers.Length - 1] : new long[numbers.Length - 1];
        dods[0] = deltas[0];
        for (var i = 1; i < deltas.Length; i++)
        {
            dods[i] = unchecked(deltas[i] - deltas[i - 1]);
        }
        // The dod form carries its first delta inside the packed frame only when that costs nothing extra;
        // pricing both frames exactly keeps the choice simple and deterministic.
        var useDods = deltas.Length >= 2 && PackedBits(dods[1..]) + VarintBits(dods[0]) < PackedBits(deltas);
        bits.WriteBit(useDods);
        if (useDods)
        {
            bits.WriteVarint(dods[0]);
            WritePacked(ref bits, dods[1..]);
        }
        else
        {
            WritePacked(ref bits, deltas);
        }
    }

    private static void ReadColumn(ref BitReader reader, Span<long> numbers)
    {
        numbers[0] = ReadVarint(ref reader);
        if (numbers.Length < 2)
        {
            return;
        }
        var useDods = ReadBits(ref reader, 1) == 1;
        if (useDods && numbers.Length < 3)
        {
            throw new InvalidDataException("packed chunk uses delta-of-deltas for two numbers");
        }
        if (useDods)
        {
            var delta = ReadVarint(ref reader);
            numbers[1] = unchecked(numbers[0] + delta);
            ReadPacked(ref reader, numbers[2..]);
            for (var i = 2; i < numbers.Length; i++)
            {
                delta = unchecked(delta + numbers[i]);
                numbers[i] = unchecked(numbers[i - 1] + delta);
            }
        }
        else
        {
            ReadPacked(ref reader, numbers[1..]);
            for (var i = 1; i < numbers.Length; i++)
            {
                numbers[i] = unchecked(numbers[i - 1] + numbers[i]);
            }
        }
    }

    private static long VarintBits(long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        return 8 * Math.Max(1, (64 - BitOperations.LeadingZeroCount(zigzag) + 6) / 7);
    }

    /// <summary>Bits <see cref="WritePacked"/> spends on the payload of <paramref name="numbers"/> (headers are
    /// of similar size in both forms and left out).</summary>
    private static long PackedBits(ReadOnlySpan<long> numbers)
    {
        var (min, divisor, width) = Frame(numbers);
        return ((long)width * numbers.Length) + VarintBits(min) + VarintBits((long)divisor);
    }

    /// <summary>The frame of reference of <paramref name="numbers"/>: minimum, the greatest common divisor of
    /// every number minus the minimum (1 when they are all equal), and the bit width of the largest quotient.</summary>
    private static (long Min, ulong Divisor, int Width) Frame(ReadOnlySpan<long> numbers)
    {
        var min = long.MaxValue;
        foreach (var n in numbers)
        {
            min = Math.Min(min, n);
        }
        ulong divisor = 0;
        ulong range = 0;
        foreach (var n in numbers)
        {
            var offset = unchecked((ulong)n - (ulong)min);
            range = Math.Max(range, offset);
            divisor = Gcd(divisor, offset);
        }
        if (divisor == 0)
        {
            divisor = 1;
        }
        return (min, divisor, 64 - BitOperations.LeadingZeroCount(range / divisor));
    }

    private static ulong Gcd(ulong a, ulong b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }

    /// <summary>The smallest k ≤ <see cref="MaxScale"/> such that every value is exactly n / 10^k for an integer n
    /// with |n| ≤ 2^53 (bit-exact round trip, so -0.0, NaN and infinities never qualify); -1 if none.</summary>
    private static int DecimalScale(ReadOnlySpan<double> values)
    {
        for (var scale = 0; scale <= MaxScale; scale++)
        {
            var power = Powers[scale];
            var fits = true;
            foreach (var value in values)
            {
                var scaled = Math.Round(value * power);
                if (!(Math.Abs(scaled) <= 9_007_199_254_740_992d)
                    || BitConverter.DoubleToUInt64Bits((long)scaled / power) != BitConverter.DoubleToUInt64Bits(value))
                {
                    fits = false;
                    break;
                }
            }
            if (fits)
            {
                return scale;
            }
        }
        return -1;
    }

    /// <summary>Frame of reference: the minimum as a zig-zag varint, a 7-bit width, then (width &gt; 0) the common
    /// divisor as a varint and every (number - minimum) / divisor in that many bits.</summary>
    private static void WritePacked(ref BitWriter bits, ReadOnlySpan<long> numbers)
    {
        var (min, divisor, width) = Frame(numbers);
        bits.WriteVarint(min);
        bits.WriteBits((ulong)width, 7);
        if (width == 0)
        {
            return;
        }
        bits.WriteUVarint(divisor);
        foreach (var n in numbers)
        {
            bits.WriteBits(unchecked((ulong)n - (ulong)min) / divisor, width);
        }
    }

    private static void ReadPacked(ref BitReader reader, Span<long> numbers)
    {
        var min = ReadVarint(ref reader);
        var width = (int)ReadBits(ref reader, 7);
        if (width > 64)
        {
            throw new InvalidDataException($"packed chunk has bit width {width}, above 64");
        }
        var divisor = width == 0 ? 1 : ReadUVarint(ref reader);
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = unchecked((long)((ReadBits(ref reader, width) * divisor) + (ulong)min));
        }
    }

    /// <summary>Gorilla XOR of raw value bits, the same scheme as the value half of <see cref="XorEncoder"/>.</summary>
    private static void WriteXorValues(ref BitWriter bits, ReadOnlySpan<double> values)
    {
        var previous = BitConverter.DoubleToUInt64Bits(values[0]);
        bits.WriteBits(previous, 64);
        var leadingWindow = -1;
        var trailingWindow = 0;
        for (var i = 1; i < values.Length; i++)
        {
            var current = BitConverter.DoubleToUInt64Bits(values[i]);
            var xor = current ^ previous;
            previous = current;
            if (xor == 0)
            {
                bits.WriteBit(false);
                continue;
            }
            var leading = Math.Min(BitOperations.LeadingZeroCount(xor), 31);
            var trailing = BitOperations.TrailingZeroCount(xor);
            if (leadingWindow >= 0 && leading >= leadingWindow && trailing >= trailingWindow)
            {
                bits.WriteBits(0b10, 2);
                bits.WriteBits(xor >> trailingWindow, 64 - leadingWindow - trailingWindow);
                continue;
            }
            var significant = 64 - leading - trailing;
            bits.WriteBits(0b11, 2);
            bits.WriteBits((ulong)leading, 5);
            bits.WriteBits((ulong)(significant & 63), 6);
            bits.WriteBits(xor >> trailing, significant);
            leadingWindow = leading;
            trailingWindow = trailing;
        }
    }

    private static void ReadXorValues(ref BitReader reader, Span<double> values)
    {
        var previous = ReadBits(ref reader, 64);
        values[0] = BitConverter.UInt64BitsToDouble(previous);
        var leadingWindow = -1;
        var trailingWindow = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (ReadBits(ref reader, 1) == 1)
            {
                if (ReadBits(ref reader, 1) == 1)
                {
                    leadingWindow = (int)ReadBits(ref reader, 5);
                    var significant = (int)ReadBits(ref reader, 6);
                    if (significant == 0)
                    {
                        significant = 64;
                    }
                    trailingWindow = 64 - leadingWindow - significant;
                    if (trailingWindow < 0)
                    {
                        throw new InvalidDataException("packed chunk has an XOR window wider than 64 bits");
                    }
                }
                else if (leadingWindow < 0)
                {
                    throw new InvalidDataException("packed chunk reuses an XOR window before setting one");
                }
                previous ^= ReadBits(ref reader, 64 - leadingWindow - trailingWindow) << trailingWindow;
            }
            values[i] = BitConverter.UInt64BitsToDouble(previous);
        }
    }

    private static ulong ReadBits(ref BitReader reader, int count)
    {
        if (count == 0)
        {
            return 0;
        }
        return reader.TryReadBits(count, out var value) ? value : throw new InvalidDataException("packed chunk is truncated");
    }

    private static ulong ReadUVarint(ref BitReader reader) =>
        reader.TryReadUVarint(out var value) ? value : throw new InvalidDataException("packed chunk is truncated");

    private static long ReadVarint(ref BitReader reader) =>
        reader.TryReadVarint(out var value) ? value : throw new InvalidDataException("packed chunk is truncated");
}
