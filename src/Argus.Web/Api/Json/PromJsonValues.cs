using System.Globalization;
using System.Text;
using Argus.Model.Formatting;

namespace Argus.Web.Api.Json;

/// <summary>
/// How Prometheus' HTTP API writes sample timestamps and values: timestamps as seconds with up to
/// three decimals (<c>1435781451.781</c>, <c>12</c>), values as strings in Go's shortest fixed
/// notation, switching to exponent notation below 1e-6 and from 1e21 (<c>"1000000"</c>,
/// <c>"1e-07"</c>, <c>"NaN"</c>, <c>"+Inf"</c>).
/// </summary>
/// <remarks>A range query answer holds tens of thousands of points, so the writers format straight into
/// the JSON buffer without allocating; the string forms are for callers that need text.</remarks>
public static class PromJsonValues
{
    /// <summary>Enough for a signed 64-bit second count, a dot, three digits, or any shortest double.</summary>
    private const int MaxFormattedBytes = 32;

    public static void WriteTimestamp(GoJsonWriter writer, long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[MaxFormattedBytes];
        writer.RawValue(text[..FormatTimestamp(timestampMs, text)]);
    }

    public static void WriteValue(GoJsonWriter writer, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[MaxFormattedBytes];
        if (TryFormatPlain(value, text, out var written))
        {
            writer.AsciiString(text[..written]);
        }
        else
        {
            writer.String(FormatValue(value));
        }
    }

    public static string FormatTimestamp(long timestampMs)
    {
        Span<byte> text = stackalloc byte[MaxFormattedBytes];
        return Encoding.ASCII.GetString(text[..FormatTimestamp(timestampMs, text)]);
    }

    public static string FormatValue(double value)
    {
        Span<byte> text = stackalloc byte[MaxFormattedBytes];
        if (TryFormatPlain(value, text, out var written))
        {
            return Encoding.ASCII.GetString(text[..written]);
        }
        var abs = Math.Abs(value);
        if (abs != 0 && double.IsFinite(abs) && (abs < 1e-6 || abs >= 1e21))
        {
            return GoFloat.FormatE(value);
        }
        return GoFloat.FormatF(value);
    }

    /// <summary>Seconds, then (only when not whole) a dot and the milliseconds zero-padded to three digits,
    /// without trimming trailing zeros, as Go writes them.</summary>
    private static int FormatTimestamp(long timestampMs, Span<byte> destination)
    {
        var position = 0;
        var abs = (ulong)timestampMs;
        if (timestampMs < 0)
        {
            destination[position++] = (byte)'-';
            abs = (ulong)(-(timestampMs + 1)) + 1;
        }
        var seconds = abs / 1000;
        var fraction = (int)(abs % 1000);
        seconds.TryFormat(destination[position..], out var written, default, CultureInfo.InvariantCulture);
        position += written;
        if (fraction != 0)
        {
            destination[position++] = (byte)'.';
            destination[position++] = (byte)('0' + (fraction / 100));
            destination[position++] = (byte)('0' + (fraction / 10 % 10));
            destination[position++] = (byte)('0' + (fraction % 10));
        }
        return position;
    }

    /// <summary>
    /// The common case: a finite non-zero value whose Go form is plain decimal. .NET's round-trip format
    /// yields the same shortest digits as Go and lays them out identically whenever it does not choose
    /// exponent form itself (from 1e15, below 1e-5); those and the special values take the slow path.
    /// </summary>
    private static bool TryFormatPlain(double value, Span<byte> destination, out int written)
    {
        written = 0;
        var abs = Math.Abs(value);
        if (abs == 0 || !double.IsFinite(abs) || abs < 1e-6 || abs >= 1e21)
        {
            return false;
        }
        if (!value.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture))
        {
            return false;
        }
        return destination[..written].IndexOfAny((byte)'E', (byte)'e') < 0;
    }
}
