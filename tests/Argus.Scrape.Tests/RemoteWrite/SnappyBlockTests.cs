using Argus.Scrape.RemoteWrite;

namespace Argus.Scrape.Tests.RemoteWrite;

public sealed class SnappyBlockTests
{
    private static byte[] Decode(byte[] block)
    {
        var length = SnappyBlock.DecodedLength(block, out var header);
        var output = new byte[checked((int)length)];
        SnappyBlock.Decode(block, header, output);
        return output;
    }

    public static TheoryData<int, int> Shapes() => new()
    {
        { 0, 0 }, { 1, 0 }, { 59, 0 }, { 61, 0 }, { 300, 0 }, { 70_000, 0 }, { 1 << 20, 0 },
        { 5_000, 4 }, { 70_000, 16 }, { 1 << 20, 200 }, { 300_000, 2 },
    };

    /// <summary>Random bytes (literals) or text drawn from a small alphabet (back-references of every
    /// length and distance, overlapping ones included), encoded by another implementation.</summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void Decodes_what_an_independent_encoder_wrote(int size, int alphabet)
    {
        var random = new Random(size + alphabet);
        var data = new byte[size];
        if (alphabet == 0)
        {
            random.NextBytes(data);
        }
        else
        {
            for (var i = 0; i < size; i++)
            {
                data[i] = (byte)('a' + random.Next(alphabet));
            }
        }
        Assert.Equal(data, Decode(IronSnappy.Snappy.Encode(data)));
    }

    [Fact]
    public void Decodes_long_literals_overlapping_copies_and_four_byte_offsets_written_by_hand()
    {
        var literal = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        byte[] block =
        [
            0xAE, 0x01, // decoded length 174
            (60 << 2) | 0, 99, .. literal, // a literal of 100 bytes, its length in one extra byte
            ((10 - 4) << 2) | 1, 1, // copy1: 10 bytes from 1 back, a run of the last byte
            ((64 - 1) << 2) | 3, 100, 0, 0, 0, // copy4: 64 bytes from 100 back
        ];
        byte[] expected = [.. literal, .. Enumerable.Repeat((byte)99, 10), .. literal.Skip(10).Take(64)];
        Assert.Equal(expected, Decode(block));
    }

    public static TheoryData<byte[], string> Corrupt() => new()
    {
        { [], "bad length header" },
        { [0x80, 0x80, 0x80, 0x80, 0x80, 0x01], "bad length header" },
        { [5, (4 << 2) | 0, 1, 2], "literal runs past the end" },
        { [3, (60 << 2) | 0], "literal length past the end" },
        { [8, (3 << 2) | 0, 1, 2, 3, 4, ((4 - 4) << 2) | 1, 9], "copy reaches before the start" },
        { [8, (3 << 2) | 0, 1, 2, 3, 4, ((4 - 4) << 2) | 1], "truncated copy" },
        { [6, (3 << 2) | 0, 1, 2, 3, 4, ((4 - 4) << 2) | 1, 4], "past its declared length" },
        { [9, (3 << 2) | 0, 1, 2, 3, 4], "decoded 4 bytes, the header declared 9" },
        { [2, ((2 - 1) << 2) | 2, 0, 0], "copy reaches before the start" },
        { [2, 0, 7, ((1 - 1) << 2) | 3, 0xff, 0xff, 0xff, 0xff], "copy offset too large" },
    };

    [Theory]
    [MemberData(nameof(Corrupt))]
    public void Corrupt_blocks_fail_with_the_reason_and_never_overrun(byte[] block, string reason)
    {
        var error = Assert.Throws<RemoteWriteDecodeException>(() => Decode(block));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
