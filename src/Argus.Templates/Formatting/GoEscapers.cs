using System.Globalization;
using System.Text;

namespace Argus.Templates.Formatting;

/// <summary>Go's <c>template.HTMLEscapeString</c>, <c>JSEscapeString</c> and <c>url.QueryEscape</c>.</summary>
public static class GoEscapers
{
    public static string Html(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("&#34;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\0': sb.Append('\uFFFD'); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    public static string JavaScript(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            var r = rune.Value;
            switch (r)
            {
                case '\\': sb.Append("\\\\"); continue;
                case '\'': sb.Append("\\'"); continue;
                case '"': sb.Append("\\\""); continue;
                case '<': sb.Append("\\u003C"); continue;
                case '>': sb.Append("\\u003E"); continue;
                case '&': sb.Append("\\u0026"); continue;
                case '=': sb.Append("\\u003D"); continue;
            }
            if (r < ' ' || (r >= 0x7F && IsNonPrintable(rune)))
            {
                sb.Append("\\u").Append(r.ToString("X4", CultureInfo.InvariantCulture));
                continue;
            }
            sb.Append(rune.ToString());
        }
        return sb.ToString();
    }

    private static bool IsNonPrintable(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator;

    /// <summary>Go's <c>url.QueryEscape</c>: space becomes <c>+</c>, unreserved bytes stay, others are <c>%XX</c>.</summary>
    public static string QueryEscape(string s) => Escape(s, spaceAsPlus: true);

    /// <summary>Go's <c>url.PathEscape</c>.</summary>
    public static string PathEscape(string s) => Escape(s, spaceAsPlus: false);

    private static string Escape(string s, bool spaceAsPlus)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else if (c == ' ' && spaceAsPlus)
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    /// <summary>Go's <c>url.QueryUnescape</c>; throws on a malformed escape.</summary>
    public static string QueryUnescape(string s)
    {
        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !byte.TryParse(s.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    var bad = s.Substring(i, Math.Min(3, s.Length - i));
                    throw new FormatException($"invalid URL escape {GoLiteral.Quote(bad)}");
                }
                bytes.Add(b);
                i += 2;
            }
            else if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
