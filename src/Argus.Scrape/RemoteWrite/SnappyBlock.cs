using System.Buffers.Binary;

namespace Argus.Scrape.RemoteWrite;

/// <summary>
/// Decodes the snappy block format (a varint of the decoded length, then literals and back-references) into
/// a caller's buffer. Remote-write bodies decode to hundreds of kilobytes each; a library call that returns
/// a fresh array put every one of them on the large-object heap, whose allocations start full collections,
/// and the threads of a busy receiver spent more time waiting for those than decoding.
/// </summary>
/// <remarks>Stateless and thread-safe. Every length and offset is checked against both buffers, so a hostile
/// body fails with <see cref="RemoteWriteDecodeException"/> and never reads or writes out of bounds.</remarks>
public static class SnappyBlock
{
    /// <summary>The decoded length the block declares (up to 2^35 - 1; the caller applies its limit), and the
    /// size of that header.</summary>
    /// <exception cref="RemoteWriteDecodeException">The header is missing or malformed.</exception>
    public static long DecodedLength(ReadOnlySpan<byte> block, out int headerLength)
    {
        ulong declared = 0;
        var i = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (i >= block.Length || shift > 28)
            {
                throw new RemoteWriteDecodeException("snappy: corrupt input: bad length header");
            }
            var b = block[i++];
            declared |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                break;
            }
        }
        headerLength = i;
        return (long)declared;
    }

    /// <summary>Decodes the elements after the header into <paramref name="output"/>, whose length must be the
    /// declared decoded length.</summary>
    /// <exception cref="RemoteWriteDecodeException">The block is corrupt or does not fill the output exactly.</exception>
    public static void Decode(ReadOnlySpan<byte> block, int headerLength, Span<byte> output)
    {
        var s = headerLength;
        var d = 0;
        while (s < block.Length)
        {
            var tag = block[s];
            int length;
            int offset;
            switch (tag & 3)
            {
                case 0:
                    {
                        length = tag >> 2;
                        if (length < 60)
                        {
                            s++;
                        }
                        else
                        {
                            // 60..63: the length minus one follows in 1..4 little-endian bytes.
                            var extra = length - 59;
                            if (block.Length - s - 1 < extra)
                            {
                                throw Corrupt("literal length past the end of the input");
                            }
                            uint value = 0;
                            for (var k = 0; k < extra; k++)
                            {
                                value |= (uint)block[s + 1 + k] << (8 * k);
                            }
                            if (value >= int.MaxValue)
                            {
                                throw Corrupt("literal too long");
                            }
                            length = (int)value;
                            s += 1 + extra;
                        }
                        length++;
                        if (length > output.Length - d || length > block.Length - s)
                        {
                            throw Corrupt("literal runs past the end of the input or the declared length");
                        }
                        block.Slice(s, length).CopyTo(output[d..]);
                        s += length;
                        d += length;
                        continue;
                    }
                case 1:
                    if (block.Length - s < 2)
                    {
                        throw Corrupt("truncated copy");
                    }
                    length = 4 + ((tag >> 2) & 7);
                    offset = ((tag & 0xe0) << 3) | block[s + 1];
                    s += 2;
                    break;
                case 2:
                    if (block.Length - s < 3)
                    {
                        throw Corrupt("truncated copy");
                    }
                    length = 1 + (tag >> 2);
                    offset = BinaryPrimitives.ReadUInt16LittleEndian(block.Slice(s + 1, 2));
                    s += 3;
                    break;
                default:
                    if (block.Length - s < 5)
                    {
                        throw Corrupt("truncated copy");
                    }
                    length = 1 + (tag >> 2);
                    var wide = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(s + 1, 4));
                    if (wide > int.MaxValue)
                    {
                        throw Corrupt("copy offset too large");
                    }
                    offset = (int)wide;
                    s += 5;
                    break;
            }
            if (offset <= 0 || offset > d || length > output.Length - d)
            {
                throw Corrupt("copy reaches before the start of the output or past its declared length");
            }
            if (offset >= length)
            {
                output.Slice(d - offset, length).CopyTo(output[d..]);
            }
            else
            {
                // An overlapping copy repeats the last `offset` bytes: it must run forwards, byte by byte.
                for (var k = 0; k < length; k++)
                {
                    output[d + k] = output[d - offset + k];
                }
            }
            d += length;
        }
        if (d != output.Length)
        {
            throw Corrupt($"decoded {d} bytes, the header declared {output.Length}");
        }
    }

    private static RemoteWriteDecodeException Corrupt(string what) => new("snappy: corrupt input: " + what);
}
