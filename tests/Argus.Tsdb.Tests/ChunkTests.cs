using Argus.Model;
using Argus.Storage;
using Argus.Tsdb.Chunks;
using Argus.Tsdb.Head;
using FsCheck;
using FsCheck.Fluent;

namespace Argus.Tsdb.Tests;

public class ChunkTests
{
    /// <summary>Decodes the encoder's buffer, and a copy cut at the stream's last byte: the decoder reads
    /// whole words while 8 bytes are left and bit by bit near the end, and both must agree.</summary>
    private static List<(long T, ulong Bits)> Decode(XorEncoder encoder)
    {
        var result = Decode(encoder.Buffer, encoder.BitLength, encoder.Count);
        var exact = encoder.Buffer.AsSpan(0, (encoder.BitLength + 7) >> 3).ToArray();
        Assert.Equal(result, Decode(exact, encoder.BitLength, encoder.Count));
        return result;
    }

    private static List<(long T, ulong Bits)> Decode(byte[] buffer, int bitLength, int count)
    {
        var decoder = new XorDecoder(buffer, bitLength, count);
        var result = new List<(long, ulong)>();
        while (decoder.Next())
        {
            result.Add((decoder.Timestamp, BitConverter.DoubleToUInt64Bits(decoder.Value)));
        }
        Assert.False(decoder.Corrupt);
        return result;
    }

    [Fact]
    public void Jittery_scrape_samples_round_trip_in_under_three_bytes_per_sample()
    {
        var encoder = XorEncoder.Create();
        var expected = new List<(long, ulong)>();
        for (var i = 0; i < 120; i++)
        {
            var t = 1_700_000_000_000L + (i * 15_000L) + (i % 3);
            var v = 1000.0 + (i * 4);
            encoder.Append(t, v);
            expected.Add((t, BitConverter.DoubleToUInt64Bits(v)));
        }
        Assert.Equal(expected, Decode(encoder));
        Assert.True(encoder.ToSealedBytes().Length < 360, $"chunk is {encoder.ToSealedBytes().Length} bytes");
    }

    [Fact]
    public void Stale_marker_and_other_nan_payloads_survive_bit_exactly()
    {
        var encoder = XorEncoder.Create();
        ulong[] bits = [BitConverter.DoubleToUInt64Bits(1.5), StaleNaN.Bits, BitConverter.DoubleToUInt64Bits(double.NaN), StaleNaN.Bits, 0x7ff8000000000001UL, BitConverter.DoubleToUInt64Bits(-0.0), BitConverter.DoubleToUInt64Bits(double.PositiveInfinity)];
        for (var i = 0; i < bits.Length; i++)
        {
            encoder.Append(i * 1000L, BitConverter.UInt64BitsToDouble(bits[i]));
        }
        var decoded = Decode(encoder);
        Assert.Equal(bits, decoded.Select(d => d.Bits).ToArray());
        Assert.True(StaleNaN.Is(BitConverter.UInt64BitsToDouble(decoded[1].Bits)));
    }

    [Fact]
    public void Extreme_timestamp_jumps_use_the_wide_buckets_and_round_trip()
    {
        long[] times = [-5_000_000_000_000, -1, 0, 1, 8_192, 8_193 + 70_000, 1L << 40, (1L << 40) + 1, long.MaxValue / 2];
        var encoder = XorEncoder.Create();
        foreach (var t in times)
        {
            encoder.Append(t, t);
        }
        Assert.Equal(times, Decode(encoder).Select(d => d.T).ToArray());
    }

    [Fact]
    public void A_truncated_chunk_is_reported_as_corrupt()
    {
        var encoder = XorEncoder.Create();
        for (var i = 0; i < 50; i++)
        {
            encoder.Append(i * 1000L, Math.Sin(i));
        }
        var decoder = new XorDecoder(encoder.Buffer, encoder.BitLength / 2, encoder.Count);
        var read = 0;
        while (decoder.Next())
        {
            read++;
        }
        Assert.True(decoder.Corrupt);
        Assert.InRange(read, 1, 49);
    }

    [Fact]
    public void Any_increasing_timestamps_and_any_value_bits_round_trip()
    {
        var sampleGen =
            from deltas in Gen.ListOf(Gen.Elements(1L, 2L, 15_000L, 15_001L, 14_999L, 60_000L, 1L << 20, 1L << 35).Select(d => d))
            from start in Gen.Choose(-1_000_000, 1_000_000)
            from values in Gen.ListOf(Gen.OneOf(
                Gen.Elements(StaleNaN.Bits, 0UL, BitConverter.DoubleToUInt64Bits(1.0), BitConverter.DoubleToUInt64Bits(-2.5)),
                Gen.Choose(0, int.MaxValue).Select(x => (ulong)x),
                Gen.Choose(int.MinValue, int.MaxValue).Two().Select(p => ((ulong)(uint)p.Item1 << 32) | (uint)p.Item2),
                Gen.Choose(0, 100_000).Select(x => BitConverter.DoubleToUInt64Bits(x * 0.01))), deltas.Count)
            select (Start: (long)start, Deltas: deltas.ToArray(), Values: values.ToArray());
        var property = Prop.ForAll(sampleGen.ToArbitrary(), input =>
        {
            var encoder = XorEncoder.Create();
            var t = input.Start;
            var expected = new List<(long, ulong)>();
            for (var i = 0; i < input.Deltas.Length; i++)
            {
                t += input.Deltas[i];
                encoder.Append(t, BitConverter.UInt64BitsToDouble(input.Values[i]));
                expected.Add((t, input.Values[i]));
            }
            return Decode(encoder).SequenceEqual(expected);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Series_iterator_seeks_forward_never_backward_and_respects_the_range()
    {
        var chunks = new List<SealedChunk>();
        for (var c = 0; c < 3; c++)
        {
            var encoder = XorEncoder.Create();
            for (var i = 0; i < 10; i++)
            {
                var t = (c * 10) + i;
                encoder.Append(t * 100L, t);
            }
            chunks.Add(new SealedChunk(encoder.ToSealedBytes(), encoder.BitLength, encoder.Count, encoder.MinTime, encoder.MaxTime));
        }
        var iterator = new SeriesIterator();
        iterator.Reset([.. chunks], [new Sample(1550, -1)], [], 300, 2500);
        Assert.Equal(SampleKind.Float, iterator.Next());
        Assert.Equal(300, iterator.Timestamp);
        Assert.Equal(SampleKind.Float, iterator.Seek(1510));
        Assert.Equal(1550, iterator.Timestamp);
        Assert.Equal(-1, iterator.Value);
        Assert.Equal(SampleKind.Float, iterator.Seek(100));
        Assert.Equal(1550, iterator.Timestamp);
        Assert.Equal(SampleKind.Float, iterator.Next());
        Assert.Equal(1600, iterator.Timestamp);
        Assert.Equal(SampleKind.Float, iterator.Seek(2500));
        Assert.Equal(2500, iterator.Timestamp);
        Assert.Equal(SampleKind.None, iterator.Next());
        Assert.Null(iterator.Error);

        iterator.Reset([.. chunks], [], [new TimeInterval(500, 2800)], long.MinValue, long.MaxValue);
        var seen = new List<long>();
        while (iterator.Next() == SampleKind.Float)
        {
            seen.Add(iterator.Timestamp);
        }
        Assert.Equal(new long[] { 0, 100, 200, 300, 400, 2900 }, seen);
    }

    [Fact]
    public void Batched_reads_of_overlapping_chunks_keep_the_first_sample_of_a_timestamp_as_next_does()
    {
        // Block series can hold overlapping chunks; the in-order batch path must skip repeated
        // timestamps exactly as Next does.
        static SealedChunk Chunk(long from, long to, double offset)
        {
            var encoder = XorEncoder.Create();
            for (var t = from; t <= to; t += 100)
            {
                encoder.Append(t, t + offset);
            }
            return new SealedChunk(encoder.ToSealedBytes(), encoder.BitLength, encoder.Count, encoder.MinTime, encoder.MaxTime);
        }
        SealedChunk[] chunks = [Chunk(0, 1000, 0), Chunk(500, 1500, 0.5), Chunk(1500, 2500, 0.25)];
        var expected = new List<(long, double)>();
        var one = new SeriesIterator();
        one.Reset(chunks, [], [], 200, 2200);
        for (var kind = one.Seek(250); kind == SampleKind.Float; kind = one.Next())
        {
            expected.Add((one.Timestamp, one.Value));
        }
        var batched = new SeriesIterator();
        batched.Reset(chunks, [], [], 200, 2200);
        var k = batched.Seek(250);
        var t = new long[3];
        var v = new double[3];
        var actual = new List<(long, double)>();
        int read;
        do
        {
            read = batched.ReadFloats(ref k, long.MaxValue, t, v);
            actual.AddRange(Enumerable.Range(0, read).Select(i => (t[i], v[i])));
        }
        while (read == t.Length);
        Assert.Equal(SampleKind.None, k);
        Assert.Equal(20, expected.Count);
        Assert.Equal(1100.5, expected[8].Item2);
        Assert.Equal(expected, actual);
    }
}
