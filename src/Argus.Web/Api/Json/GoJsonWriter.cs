using System.Buffers;
using System.Globalization;
using System.Text;

namespace Argus.Web.Api.Json;

/// <summary>
/// A small forward-only JSON writer that escapes strings exactly as Go's encoding/json does
/// (<c>&lt; &gt; &amp;</c> as <c>\u003c \u003e \u0026</c>, U+2028/U+2029 escaped, other non-ASCII
/// left as UTF-8), so API responses are byte-compatible with Prometheus and Alertmanager.
/// System.Text.Json's encoders either escape too much (non-ASCII, <c>'</c>, <c>+</c>) or too little.
/// </summary>
/// <remarks>Not thread-safe. The buffer is rented from the shared pool and returned on Dispose.</remarks>
public sealed class GoJsonWriter : IDisposable
{
    private static readonly byte[] HexDigits = "0123456789abcdef"u8.ToArray();
    private byte[] _buffer;
    private int _length;
    private bool _needComma;

    public GoJsonWriter(int initialCapacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    /// <summary>The bytes written so far; valid until the next write or Dispose.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public void StartObject()
    {
        Separate();
        Append((byte)'{');
        _needComma = false;
    }

    public void EndObject()
    {
        Append((byte)'}');
        _needComma = true;
    }

    public void StartArray()
    {
        Separate();
        Append((byte)'[');
        _needComma = false;
    }

    public void EndArray()
    {
        Append((byte)']');
        _needComma = true;
    }

    /// <summary>Writes an object member name; the next value call writes its value.</summary>
    public void Name(string name)
    {
        Separate();
        AppendQuoted(name);
        Append((byte)':');
        _needComma = false;
    }

    public void String(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        Separate();
        AppendQuoted(value);
        _needComma = true;
    }

    public void Null() => RawValue("null"u8);

    public void Bool(bool value) => RawValue(value ? "true"u8 : "false"u8);

    public void Number(long value)
    {
        Span<byte> digits = stackalloc byte[24];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        RawValue(digits[..written]);
    }

    /// <summary>Writes a value that is already valid JSON (a number, a literal).</summary>
    public void RawValue(ReadOnlySpan<byte> json)
    {
        Separate();
        Append(json);
        _needComma = true;
    }

    /// <summary>Writes a string value whose bytes are ASCII needing no escapes (formatted numbers).</summary>
    public void AsciiString(ReadOnlySpan<byte> text)
    {
        Separate();
        Ensure(text.Length + 2);
        _buffer[_length++] = (byte)'"';
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
        _buffer[_length++] = (byte)'"';
        _needComma = true;
    }

    /// <summary>Writes a value that is already valid JSON, given as ASCII text.</summary>
    public void RawValue(string asciiJson)
    {
        Separate();
        Ensure(asciiJson.Length);
        foreach (var c in asciiJson)
        {
            _buffer[_length++] = (byte)c;
        }
        _needComma = true;
    }

    /// <summary>Shorthand for a string member.</summary>
    public void Property(string name, string? value)
    {
        Name(name);
        String(value);
    }

    /// <summary>Shorthand for an integer member; null writes <c>null</c>.</summary>
    public void Property(string name, long? value)
    {
        Name(name);
        if (value is { } number)
        {
            Number(number);
        }
        else
        {
            Null();
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Separate()
    {
        if (_needComma)
        {
            Append((byte)',');
        }
    }

    private void AppendQuoted(string value)
    {
        Append((byte)'"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': Append("\\\""u8); continue;
                case '\\': Append("\\\\"u8); continue;
                case '\n': Append("\\n"u8); continue;
                case '\r': Append("\\r"u8); continue;
                case '\t': Append("\\t"u8); continue;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    AppendUnicodeEscape(c);
                    continue;
                default:
                    break;
            }
            if (c < 0x20)
            {
                AppendUnicodeEscape(c);
            }
            else if (c < 0x80)
            {
                Append((byte)c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                AppendUtf8(value.AsSpan(i, 2));
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                // Go replaces invalid UTF-8 with U+FFFD; an unpaired surrogate is our equivalent.
                Append("\\ufffd"u8);
            }
            else
            {
                AppendUtf8(value.AsSpan(i, 1));
            }
        }
        Append((byte)'"');
    }

    private void AppendUnicodeEscape(char c)
    {
        Ensure(6);
        _buffer[_length++] = (byte)'\\';
        _buffer[_length++] = (byte)'u';
        _buffer[_length++] = HexDigits[(c >> 12) & 0xf];
        _buffer[_length++] = HexDigits[(c >> 8) & 0xf];
        _buffer[_length++] = HexDigits[(c >> 4) & 0xf];
        _buffer[_length++] = HexDigits[c & 0xf];
    }

    private void AppendUtf8(ReadOnlySpan<char> chars)
    {
        Ensure(8);
        _length += Encoding.UTF8.GetBytes(chars, _buffer.AsSpan(_length));
    }

    private void Append(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
        {
            return;
        }
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
