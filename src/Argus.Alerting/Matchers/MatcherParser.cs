using Argus.Model.Labels;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Alerting.Matchers;

/// <summary>
/// Parses Alertmanager matcher expressions (<c>{foo="bar", baz=~"x.*"}</c>) the way Alertmanager does
/// by default, in "fallback" mode: the input is read with the UTF-8 matchers syntax and with the
/// classic (pre-0.27) syntax. When only one of them accepts the input its result is used; when both
/// accept but disagree, the classic result wins (that is what existing configurations meant); when both
/// reject, the classic parser's error is reported.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class MatcherParser
{
    /// <summary>Parses zero or more matchers, with or without surrounding braces.</summary>
    /// <exception cref="MatcherParseException">Neither syntax accepts <paramref name="input"/>.</exception>
    public static IReadOnlyList<LabelMatcher> Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        IReadOnlyList<LabelMatcher>? utf8 = null;
        IReadOnlyList<LabelMatcher>? classic = null;
        MatcherParseException? classicError = null;
        try
        {
            utf8 = Utf8MatcherParser.Parse(input);
        }
        catch (MatcherParseException)
        {
            // Ignored: the classic syntax decides below.
        }
        try
        {
            classic = ClassicMatcherParser.Parse(input);
        }
        catch (MatcherParseException e)
        {
            classicError = e;
        }
        if (utf8 is null)
        {
            return classic ?? throw classicError!;
        }
        if (classic is null || classic.SequenceEqual(utf8))
        {
            return utf8;
        }
        return classic;
    }

    /// <summary>Parses exactly one matcher, e.g. <c>foo=~"a|b"</c> (braces are allowed around it).</summary>
    /// <exception cref="MatcherParseException">The input is malformed or holds not exactly one matcher.</exception>
    public static LabelMatcher ParseSingle(string input)
    {
        var matchers = Parse(input);
        if (matchers.Count != 1)
        {
            throw new MatcherParseException($"expected exactly one matcher, found {matchers.Count}: {input}");
        }
        return matchers[0];
    }

    /// <summary>Parses with the UTF-8 syntax only (Alertmanager's <c>utf8-strict-mode</c>).</summary>
    public static IReadOnlyList<LabelMatcher> ParseUtf8(string input) => Utf8MatcherParser.Parse(input);

    /// <summary>Parses with the classic syntax only (Alertmanager's <c>classic-mode</c>).</summary>
    public static IReadOnlyList<LabelMatcher> ParseClassic(string input) => ClassicMatcherParser.Parse(input);

    /// <summary>
    /// Orders matchers as Alertmanager sorts them in configurations: by name, then value, then
    /// operator. Route keys (<c>{}/{service="db"}</c>) are printed in this order.
    /// </summary>
    public static int Compare(LabelMatcher a, LabelMatcher b)
    {
        var c = string.CompareOrdinal(a.Name, b.Name);
        if (c != 0)
        {
            return c;
        }
        c = string.CompareOrdinal(a.Value, b.Value);
        return c != 0 ? c : a.Type.CompareTo(b.Type);
    }

    /// <summary>Alertmanager's text form of one matcher: the name (quoted unless it is a classic
    /// label name), the operator and the Go-quoted value, e.g. <c>service=~"db|web"</c>.</summary>
    public static string Format(LabelMatcher matcher)
    {
        var name = LabelNames.IsValidLegacyName(matcher.Name) ? matcher.Name : LabelValueQuoting.Quote(matcher.Name);
        var op = matcher.Type switch
        {
            MatchType.Equal => "=",
            MatchType.NotEqual => "!=",
            MatchType.Regex => "=~",
            _ => "!~",
        };
        return name + op + LabelValueQuoting.Quote(matcher.Value);
    }

    /// <summary>A list of matchers in Alertmanager's notation: <c>{a="1",b=~"x"}</c>.</summary>
    public static string Format(IEnumerable<LabelMatcher> matchers) => "{" + string.Join(",", matchers.Select(Format)) + "}";

    internal static LabelMatcher Create(MatchType type, string name, string value, string input)
    {
        try
        {
            return new LabelMatcher(type, name, value);
        }
        catch (ArgumentException e)
        {
            throw new MatcherParseException($"invalid regular expression in matcher {input}: {e.Message}", e);
        }
    }
}
