using System.Globalization;
using System.Text;

namespace Argus.Templates.Formatting;

/// <summary>Go's literal syntax: <c>strconv.Quote</c>/<c>Unquote</c> and integer constants with base prefixes.</summary>
public static class GoLiteral
{
    /// <summary>Go's <c>strconv.Quote</c>: printable runes kept, others escaped.</summary>
    public static string Quote(string s) => QuoteWith(s, '"', asciiOnly: false);

    /// <summary>Go's <c>strconv.QuoteToASCII</c> (<c>%+q</c>).</summary>
    public static string QuoteToAscii(string s) => QuoteWith(s, '"', asciiOnly: true);

    /// <summary>Go's <c>strconv.QuoteRune</c>.</summary>
    public static string QuoteRune(int rune)
    {
        if (rune is < 0 or > 0x10FFFF || rune is >= 0xD800 and <= 0xDFFF)
        {
            rune = 0xFFFD;
        }
        return QuoteWith(char.ConvertFromUtf32(rune), '\'', asciiOnly: false);
    }

    private static string QuoteWith(string s, char quote, bool asciiOnly)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append(quote);
        foreach (var rune in s.EnumerateRunes())
        {
            var r = rune.Value;
            if (r == quote || r == '\\')
            {
                sb.Append('\\').Append((char)r);
                continue;
            }
            if (asciiOnly ? r is >= 0x20 and < 0x7F : IsPrint(rune))
            {
                sb.Append(rune.ToString());
                continue;
            }
            switch (r)
            {
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (r < ' ' || r == 0x7F)
                    {
                        sb.Append("\\x").Append(r.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (r < 0x10000)
                    {
                        sb.Append("\\u").Append(r.ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append("\\U").Append(r.ToString("x8", CultureInfo.InvariantCulture));
                    }
                    break;
            }
        }
        sb.Append(quote);
        return sb.ToString();
    }

    private static bool IsPrint(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return true;
        }
        var category = Rune.GetUnicodeCategory(rune);
        return category switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    /// <summary>Go's <c>strconv.Unquote</c> for a double-quoted literal; null when malformed.</summary>
    public static string? UnquoteString(string quoted)
    {
        if (quoted.Length < 2 || quoted[0] != '"' || quoted[^1] != '"')
        {
            return null;
        }
        var sb = new StringBuilder();
        var i = 1;
        while (i < quoted.Length - 1)
        {
            var c = quoted[i];
            if (c == '"' || c == '\n')
            {
                return null;
            }
            if (c != '\\')
            {
                sb.Append(c);
                i++;
                continue;
            }
            if (!TryUnescape(quoted, ref i, '"', sb))
            {
                return null;
            }
        }
        return sb.ToString();
    }

    /// <summary>The code point of a Go character literal such as <c>'a'</c> or <c>'\n'</c>; null when malformed.</summary>
    public static int? UnquoteChar(string quoted)
    {
        if (quoted.Length < 3 || quoted[0] != '\'' || quoted[^1] != '\'')
        {
            return null;
        }
        var sb = new StringBuilder();
        var i = 1;
        if (quoted[1] == '\\')
        {
            if (!TryUnescape(quoted, ref i, '\'', sb))
            {
                return null;
            }
        }
        else
        {
            var rune = Rune.GetRuneAt(quoted, 1);
            sb.Append(rune.ToString());
            i += rune.Utf16SequenceLength;
        }
        if (i != quoted.Length - 1 || sb.Length == 0)
        {
            return null;
        }
        return Rune.GetRuneAt(sb.ToString(), 0).Value;
    }

    private static bool TryUnescape(string s, ref int i, char quote, StringBuilder sb)
    {
        if (i + 1 >= s.Length - 1)
        {
            return false;
        }
        var e = s[i + 1];
        i += 2;
        switch (e)
        {
            case 'a': sb.Append('\a'); return true;
            case 'b': sb.Append('\b'); return true;
            case 'f': sb.Append('\f'); return true;
            case 'n': sb.Append('\n'); return true;
            case 'r': sb.Append('\r'); return true;
            case 't': sb.Append('\t'); return true;
            case 'v': sb.Append('\v'); return true;
            case '\\': sb.Append('\\'); return true;
            case '\'' or '"':
                if (e != quote)
                {
                    return false;
                }
                sb.Append(e);
                return true;
            case 'x':
                return TryHex(s, ref i, 2, sb, asByte: true);
            case 'u':
                return TryHex(s, ref i, 4, sb, asByte: false);
            case 'U':
                return TryHex(s, ref i, 8, sb, asByte: false);
            case >= '0' and <= '7':
                if (i + 2 > s.Length - 1)
                {
                    return false;
                }
                var octal = s.Substring(i - 1, 3);
                if (!octal.All(ch => ch is >= '0' and <= '7'))
                {
                    return false;
                }
                var value = Convert.ToInt32(octal, 8);
                if (value > 255)
                {
                    return false;
                }
                sb.Append((char)value);
                i += 2;
                return true;
            default:
                return false;
        }
    }

    private static bool TryHex(string s, ref int i, int digits, StringBuilder sb, bool asByte)
    {
        if (i + digits > s.Length - 1
            || !int.TryParse(s.AsSpan(i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }
        i += digits;
        if (asByte)
        {
            // Go strings are bytes; \xHH above 0x7F has no UTF-16 equivalent, so map it to the same code point.
            sb.Append((char)value);
            return true;
        }
        if (!Rune.IsValid(value))
        {
            return false;
        }
        sb.Append(char.ConvertFromUtf32(value));
        return true;
    }

    /// <summary>Parses a Go integer literal (sign, <c>0x</c>/<c>0o</c>/<c>0b</c>/leading-0 octal prefixes, underscores).</summary>
    public static bool TryParseInt(string text, out long value)
    {
        value = 0;
        var s = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var negative = false;
        if (s.StartsWith('+') || s.StartsWith('-'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.Length == 0)
        {
            return false;
        }
        var radix = 10;
        if (s.Length > 1 && s[0] == '0')
        {
            switch (char.ToLowerInvariant(s[1]))
            {
                case 'x': radix = 16; s = s[2..]; break;
                case 'o': radix = 8; s = s[2..]; break;
                case 'b': radix = 2; s = s[2..]; break;
                default: radix = 8; s = s[1..]; break;
            }
        }
        if (s.Length == 0)
        {
            return false;
        }
        ulong magnitude = 0;
        foreach (var c in s)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= radix)
            {
                return false;
            }
            try
            {
                magnitude = checked((magnitude * (ulong)radix) + (ulong)digit);
            }
            catch (OverflowException)
            {
                return false;
            }
        }
        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1)
            {
                return false;
            }
            value = (long)(0 - magnitude);
            return true;
        }
        if (magnitude > long.MaxValue)
        {
            return false;
        }
        value = (long)magnitude;
        return true;
    }
}
