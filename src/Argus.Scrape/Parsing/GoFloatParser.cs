using System.Globalization;

namespace Argus.Scrape.Parsing;

/// <summary>
/// Parses sample values the way Go's <c>strconv.ParseFloat</c> does for the exposition formats:
/// decimal and exponent notation, and case-insensitive <c>NaN</c>, <c>Inf</c>, <c>Infinity</c> with an
/// optional sign. Allocation-free.
/// </summary>
internal static class GoFloatParser
{
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 512)
        {
            return false;
        }
        var body = text;
        var negative = false;
        if (body[0] is (byte)'+' or (byte)'-')
        {
            negative = body[0] == (byte)'-';
            body = body[1..];
        }
        if (body.Length > 0 && IsLetter(body[0]))
        {
            if (EqualsIgnoreCase(body, "inf"u8) || EqualsIgnoreCase(body, "infinity"u8))
            {
                value = negative ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            }
            if (EqualsIgnoreCase(body, "nan"u8))
            {
                value = double.NaN;
                return true;
            }
            return false;
        }
        // Only digits, sign, point and exponent may remain; this keeps .NET's extra spellings (∞,
        // thousands separators, whitespace) out.
        foreach (var b in body)
        {
            if (!(b is >= (byte)'0' and <= (byte)'9' or (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-'))
            {
                return false;
            }
        }
        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
    }

    private static bool IsLetter(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z';

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lower)
    {
        if (text.Length != lower.Length)
        {
            return false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if ((text[i] | 0x20) != lower[i])
            {
                return false;
            }
        }
        return true;
    }
}
