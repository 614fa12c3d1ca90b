using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Argus.Scrape.RemoteWrite;

/// <summary>
/// Reads protobuf wire format from a span without allocating. Every read checks bounds; malformed input
/// (truncated varints, lengths past the end, unbalanced groups, nesting deeper than
/// <see cref="MaxGroupDepth"/>) throws <see cref="RemoteWriteDecodeException"/> naming the byte offset.
/// </summary>
internal ref struct ProtoReader
{
    public const int MaxGroupDepth = 64;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _baseOffset;
    private int _pos;

    /// <param name="data">The message bytes.</param>
    /// <param name="baseOffset">Offset of <paramref name="data"/> in the whole body, for error messages.</param>
    public ProtoReader(ReadOnlySpan<byte> data, int baseOffset = 0)
    {
        _data = data;
        _baseOffset = baseOffset;
        _pos = 0;
    }

    /// <summary>Offset in the whole body of the next byte to read.</summary>
    public readonly int Offset => _baseOffset + _pos;

    public readonly bool End => _pos >= _data.Length;

    /// <summary>Reads the next field key; false at the end of the message.</summary>
    public bool TryReadTag(out int field, out ProtoWireType wireType)
    {
        if (_pos >= _data.Length)
        {
            field = 0;
            wireType = 0;
            return false;
        }
        var at = Offset;
        var key = ReadVarint();
        field = (int)(key >> 3);
        wireType = (ProtoWireType)(key & 7);
        if (field <= 0 || key >> 3 > int.MaxValue)
        {
            Fail(at, $"invalid field number {key >> 3}");
        }
        if ((byte)wireType > 5)
        {
            Fail(at, $"invalid wire type {(byte)wireType}");
        }
        return true;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_pos >= _data.Length)
            {
                Fail(Offset, "truncated varint");
            }
            var b = _data[_pos++];
            if (shift == 63 && b > 1)
            {
                Fail(Offset - 1, "varint overflows 64 bits");
            }
            result |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
        Fail(Offset, "varint longer than 10 bytes");
        return 0;
    }

    public double ReadDouble()
    {
        if (_data.Length - _pos < 8)
        {
            Fail(Offset, "truncated fixed64");
        }
        var bits = BinaryPrimitives.ReadUInt64LittleEndian(_data[_pos..]);
        _pos += 8;
        return BitConverter.UInt64BitsToDouble(bits);
    }

    /// <summary>Reads a length-delimited field; <paramref name="startOffset"/> is its payload's offset in the whole body.</summary>
    public ReadOnlySpan<byte> ReadBytes(out int startOffset)
    {
        var at = Offset;
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _pos))
        {
            Fail(at, $"length {length} runs past the end of the message ({_data.Length - _pos} bytes left)");
        }
        startOffset = Offset;
        var slice = _data.Slice(_pos, (int)length);
        _pos += (int)length;
        return slice;
    }

    /// <summary>Skips a field of unknown number, including (nested) groups.</summary>
    public void Skip(ProtoWireType wireType, int field, int depth = 0)
    {
        switch (wireType)
        {
            case ProtoWireType.Varint:
                ReadVarint();
                break;
            case ProtoWireType.Fixed64:
                Advance(8);
                break;
            case ProtoWireType.Fixed32:
                Advance(4);
                break;
            case ProtoWireType.LengthDelimited:
                ReadBytes(out _);
                break;
            case ProtoWireType.StartGroup:
                if (depth >= MaxGroupDepth)
                {
                    Fail(Offset, $"groups nested deeper than {MaxGroupDepth}");
                }
                while (true)
                {
                    if (!TryReadTag(out var inner, out var innerType))
                    {
                        Fail(Offset, $"unterminated group for field {field}");
                    }
                    if (innerType == ProtoWireType.EndGroup)
                    {
                        if (inner != field)
                        {
                            Fail(Offset, $"group for field {field} ended by field {inner}");
                        }
                        return;
                    }
                    Skip(innerType, inner, depth + 1);
                }
            default:
                Fail(Offset, $"unexpected end-group for field {field}");
                break;
        }
    }

    /// <summary>Checks the wire type of a known field.</summary>
    public readonly void Expect(ProtoWireType actual, ProtoWireType expected, string what)
    {
        if (actual != expected)
        {
            Fail(Offset, $"{what} has wire type {(byte)actual}, expected {(byte)expected}");
        }
    }

    private void Advance(int n)
    {
        if (_data.Length - _pos < n)
        {
            Fail(Offset, $"truncated fixed{n * 8}");
        }
        _pos += n;
    }

    [DoesNotReturn]
    public static void Fail(int offset, string cause) => throw new RemoteWriteDecodeException($"protobuf decode error at byte {offset}: {cause}");
}
