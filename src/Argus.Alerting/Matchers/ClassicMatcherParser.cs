using System.Text;
using Argus.Model.Labels;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Alerting.Matchers;

/// <summary>
/// The classic (pre-0.27) Alertmanager matcher syntax: optional braces, comma-separated
/// <c>name op value</c> items where the name is <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c> and the value may be
/// bare or double-quoted. Inside a value only <c>\"</c>, <c>\\</c> and <c>\n</c> are escapes; any other
/// backslash is kept literally. Commas inside double quotes do not split.
/// </summary>
internal static class ClassicMatcherParser
{
    public static IReadOnlyList<LabelMatcher> Parse(string input)
    {
        var s = input;
        if (s.StartsWith('{'))
        {
            s = s[1..];
        }
        if (s.EndsWith('}'))
        {
            s = s[..^1];
        }
        var items = new List<string>();
        var token = new StringBuilder();
        var insideQuotes = false;
        var escaped = false;
        foreach (var c in s)
        {
            switch (c)
            {
                case ',':
                    if (!insideQuotes)
                    {
                        items.Add(token.ToString());
                        token.Clear();
                        continue;
                    }
                    break;
                case '"':
                    if (!escaped)
                    {
                        insideQuotes = !insideQuotes;
                    }
                    else
                    {
                        escaped = false;
                    }
                    break;
                case '\\':
                    escaped = !escaped;
                    break;
                default:
                    escaped = false;
                    break;
            }
            token.Append(c);
        }
        var last = token.ToString().Trim();
        if (last.Length > 0)
        {
            items.Add(last);
        }
        var result = new List<LabelMatcher>(items.Count);
        foreach (var item in items)
        {
            result.Add(ParseOne(item));
        }
        return result;
    }

    private static LabelMatcher ParseOne(string item)
    {
        var i = 0;
        SkipSpace(item, ref i);
        var nameStart = i;
        while (i < item.Length && IsNameChar(item[i], i == nameStart))
        {
            i++;
        }
        if (i == nameStart)
        {
            throw BadFormat(item);
        }
        var name = item[nameStart..i];
        SkipSpace(item, ref i);
        MatchType type;
        if (At(item, i, "=~"))
        {
            type = MatchType.Regex;
            i += 2;
        }
        else if (At(item, i, "!="))
        {
            type = MatchType.NotEqual;
            i += 2;
        }
        else if (At(item, i, "!~"))
        {
            type = MatchType.NotRegex;
            i += 2;
        }
        else if (At(item, i, "="))
        {
            type = MatchType.Equal;
            i += 1;
        }
        else
        {
            throw BadFormat(item);
        }
        SkipSpace(item, ref i);
        var raw = item[i..].TrimEnd(WhiteSpace);
        return MatcherParser.Create(type, name, Unescape(raw), item);
    }

    // Go's \s: ASCII space, tab, newline, carriage return and form feed.
    private static readonly char[] WhiteSpace = [' ', '\t', '\n', '\r', '\f'];

    /// <summary>Turns the raw value text into the value: strips one pair of quotes and resolves the
    /// three escapes; a lone unescaped quote anywhere else is an error.</summary>
    private static string Unescape(string raw)
    {
        var expectTrailingQuote = false;
        var original = raw;
        if (raw.StartsWith('"'))
        {
            raw = raw[1..];
            expectTrailingQuote = true;
        }
        var value = new StringBuilder(raw.Length);
        var escaped = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (escaped)
            {
                escaped = false;
                switch (c)
                {
                    case 'n':
                        value.Append('\n');
                        break;
                    case '"':
                    case '\\':
                        value.Append(c);
                        break;
                    default:
                        // A spurious escape: the backslash stays.
                        value.Append('\\').Append(c);
                        break;
                }
                continue;
            }
            switch (c)
            {
                case '\\':
                    if (i < raw.Length - 1)
                    {
                        escaped = true;
                        continue;
                    }
                    value.Append('\\');
                    break;
                case '"':
                    if (!expectTrailingQuote || i < raw.Length - 1)
                    {
                        throw new MatcherParseException($"matcher value contains unescaped double quote: {original}");
                    }
                    expectTrailingQuote = false;
                    break;
                default:
                    value.Append(c);
                    break;
            }
        }
        if (expectTrailingQuote)
        {
            throw new MatcherParseException($"matcher value contains unescaped double quote: {original}");
        }
        return value.ToString();
    }

    private static bool IsNameChar(char c, bool first) =>
        c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');

    private static bool At(string s, int i, string what) => string.CompareOrdinal(s, i, what, 0, what.Length) == 0;

    private static void SkipSpace(string s, ref int i)
    {
        while (i < s.Length && Array.IndexOf(WhiteSpace, s[i]) >= 0)
        {
            i++;
        }
    }

    private static MatcherParseException BadFormat(string item) => new($"bad matcher format: {item}");
}
