using Argus.Model;
using Argus.Tsdb.Chunks;

namespace Argus.Tsdb.Tests;

public class PackedChunkCodecTests
{
    private static SealedChunk Xor(long[] timestamps, double[] values)
    {
        var encoder = XorEncoder.Create();
        for (var i = 0; i < timestamps.Length; i++)
        {
            encoder.Append(timestamps[i], values[i]);
        }
        return new SealedChunk(encoder.ToSealedBytes(), encoder.BitLength, encoder.Count, encoder.MinTime, encoder.MaxTime);
    }

    private static void AssertRoundTrip(long[] timestamps, double[] values, int maxPackedBytes)
    {
        var original = Xor(timestamps, values);
        var packed = PackedChunkCodec.Encode(original);
        Assert.True(packed.Length <= maxPackedBytes, $"packed {packed.Length} bytes, expected at most {maxPackedBytes}");
        var decoded = PackedChunkCodec.Decode(packed, timestamps.Length);
        Assert.Equal(original.BitLength, decoded.BitLength);
        Assert.Equal(original.Data.AsSpan(0, (original.BitLength + 7) >> 3).ToArray(), decoded.Data.AsSpan(0, (decoded.BitLength + 7) >> 3).ToArray());
        Assert.Equal((original.Count, original.MinTime, original.MaxTime), (decoded.Count, decoded.MinTime, decoded.MaxTime));
    }

    private static long[] Jittered(int count) => [.. Enumerable.Range(0, count).Select(i => 1_700_000_000_000L + (i * 15_000L) + ((i * 3) % 5))];

    [Fact]
    public void Centi_counter_packs_into_about_two_bytes_per_sample_and_round_trips_bit_exactly()
    {
        var random = new Random(3);
        var value = 1234.56;
        var values = new double[120];
        for (var i = 0; i < values.Length; i++)
        {
            value = Math.Round(value + (random.Next(0, 1500) * 0.01), 2);
            values[i] = value;
        }
        AssertRoundTrip(Jittered(120), values, 120 * 2);
    }

    [Fact]
    public void Page_gauge_and_integer_counter_pack_below_two_bytes_per_sample()
    {
        var values = Enumerable.Range(0, 120).Select(i => (1_000_000 + (i * 37 % 129) - 64) * 4096.0).ToArray();
        AssertRoundTrip(Jittered(120), values, 120 * 2);
        AssertRoundTrip(Jittered(120), [.. Enumerable.Range(0, 120).Select(i => 5_000_000.0 + (i * i))], 120 * 3);
    }

    [Fact]
    public void Float_noise_stale_markers_negative_zero_and_extremes_fall_back_to_xor_values_losslessly()
    {
        var random = new Random(9);
        var noise = Enumerable.Range(0, 120).Select(_ => 40 + (random.NextDouble() * 20)).ToArray();
        noise[7] = StaleNaN.Value;
        noise[8] = -0.0;
        noise[9] = double.PositiveInfinity;
        noise[10] = double.MaxValue;
        noise[11] = double.Epsilon;
        AssertRoundTrip(Jittered(120), noise, 120 * 9);
        AssertRoundTrip([5, 6, 1_000_000_000_000, long.MaxValue], [1, -0.0, 3, 4], 64);
        AssertRoundTrip([long.MinValue + 1, 0, long.MaxValue], [9_007_199_254_740_993d, 1e300, -1e-300], 64);
    }

    [Fact]
    public void Single_and_two_sample_chunks_round_trip()
    {
        AssertRoundTrip([42], [0.5], 16);
        AssertRoundTrip([42, 57], [0.25, -7], 32);
    }

    [Fact]
    public void Truncated_packed_chunk_is_reported_as_damaged()
    {
        var packed = PackedChunkCodec.Encode(Xor(Jittered(120), [.. Enumerable.Range(0, 120).Select(i => (double)i)]));
        Assert.Throws<InvalidDataException>(() => PackedChunkCodec.Decode(packed[..(packed.Length / 2)], 120));
    }
}
