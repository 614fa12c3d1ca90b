using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Argus.Model.Regex;

/// <summary>
/// Compiles RE2 patterns (the syntax of Go's regexp, used in PromQL matchers, relabeling and
/// Alertmanager matchers) into .NET regexes on the non-backtracking engine, so that matching time is
/// linear in the input whatever the pattern. The translation keeps RE2 meaning where .NET differs:
/// ASCII-only <c>\d \w \s</c>, <c>$</c> only at the very end, <c>(?P&lt;name&gt;)</c> groups,
/// <c>\pL</c> one-letter classes, POSIX <c>[[:alpha:]]</c> classes, <c>\Q…\E</c> quoting, and RE2's
/// repeat limit of 1000.
/// </summary>
public static class Re2Regex
{
    private const int MaxRepeat = 1000;
    private const int CacheLimit = 4096;
    private static readonly ConcurrentDictionary<(string, bool), System.Text.RegularExpressions.Regex> Cache = new();

    /// <summary>
    /// Compiles <paramref name="pattern"/>; with <paramref name="fullyAnchored"/> it must match the
    /// whole input, as Prometheus requires for label matchers and relabel regexes.
    /// </summary>
    /// <exception cref="ArgumentException">The pattern is not valid RE2; the message says why.</exception>
    public static System.Text.RegularExpressions.Regex Compile(string pattern, bool fullyAnchored = true)
    {
        if (Cache.TryGetValue((pattern, fullyAnchored), out var cached))
        {
            return cached;
        }
        var translated = Translate(pattern);
        var full = fullyAnchored ? "^(?:" + translated + ")\\z" : translated;
        System.Text.RegularExpressions.Regex regex;
        try
        {
            regex = new System.Text.RegularExpressions.Regex(full, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"error parsing regexp: {Simplify(e.Message)}: `{pattern}`", e);
        }
        if (Cache.Count < CacheLimit)
        {
            Cache.TryAdd((pattern, fullyAnchored), regex);
        }
        return regex;
    }

    /// <summary>Returns null when <paramref name="pattern"/> compiles, else the error message.</summary>
    public static string? Validate(string pattern)
    {
        try
        {
            Compile(pattern);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private static string Simplify(string message)
    {
        var index = message.IndexOf(" - ", StringComparison.Ordinal);
        return index >= 0 ? message[(index + 3)..] : message;
    }

    /// <summary>Rewrites RE2 syntax into equivalent .NET syntax.</summary>
    internal static string Translate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 16);
        var multiline = pattern.Contains("(?m", StringComparison.Ordinal) || HasFlag(pattern, 'm');
        var i = 0;
        var inClass = false;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length)
                {
                    throw new ArgumentException($"error parsing regexp: trailing backslash at end of expression: `{pattern}`");
                }
                var e = pattern[i + 1];
                switch (e)
                {
                    case 'd': sb.Append(inClass ? "0-9" : "[0-9]"); i += 2; continue;
                    case 'D': sb.Append(inClass ? "\\D" : "[^0-9]"); i += 2; continue;
                    case 'w': sb.Append(inClass ? "0-9A-Za-z_" : "[0-9A-Za-z_]"); i += 2; continue;
                    case 'W': sb.Append(inClass ? "\\W" : "[^0-9A-Za-z_]"); i += 2; continue;
                    case 's': sb.Append(inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]"); i += 2; continue;
                    case 'S': sb.Append(inClass ? "\\S" : "[^\\t\\n\\f\\r ]"); i += 2; continue;
                    case 'p':
                    case 'P':
                        if (i + 2 < pattern.Length && pattern[i + 2] != '{')
                        {
                            sb.Append('\\').Append(e).Append('{').Append(pattern[i + 2]).Append('}');
                            i += 3;
                            continue;
                        }
                        break;
                    case 'Q':
                        {
                            var end = pattern.IndexOf("\\E", i + 2, StringComparison.Ordinal);
                            var literal = end < 0 ? pattern[(i + 2)..] : pattern[(i + 2)..end];
                            sb.Append(System.Text.RegularExpressions.Regex.Escape(literal));
                            i = end < 0 ? pattern.Length : end + 2;
                            continue;
                        }
                    case 'C':
                        throw new ArgumentException($"error parsing regexp: invalid escape sequence: `\\C`");
                    case 'z':
                        sb.Append("\\z");
                        i += 2;
                        continue;
                    default:
                        if (e >= '1' && e <= '9')
                        {
                            throw new ArgumentException($"error parsing regexp: invalid escape sequence: `\\{e}`");
                        }
                        break;
                }
                sb.Append(c).Append(e);
                i += 2;
                continue;
            }
            if (inClass)
            {
                if (c == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
                {
                    var end = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
                    if (end > 0)
                    {
                        var name = pattern[(i + 2)..end];
                        var negated = name.StartsWith('^');
                        var expansion = PosixClass(negated ? name[1..] : name)
                            ?? throw new ArgumentException($"error parsing regexp: invalid character class range: `[:{name}:]`");
                        if (negated)
                        {
                            throw new ArgumentException($"error parsing regexp: negated POSIX class not supported: `[:{name}:]`");
                        }
                        sb.Append(expansion);
                        i = end + 2;
                        continue;
                    }
                }
                if (c == '[')
                {
                    // A literal '[' inside a class; .NET would read "[a-[b]]" as class subtraction.
                    sb.Append("\\[");
                    i++;
                    continue;
                }
                if (c == ']')
                {
                    inClass = false;
                }
                sb.Append(c);
                i++;
                continue;
            }
            switch (c)
            {
                case '[':
                    inClass = true;
                    sb.Append('[');
                    i++;
                    if (i < pattern.Length && pattern[i] == '^')
                    {
                        sb.Append('^');
                        i++;
                    }
                    if (i < pattern.Length && pattern[i] == ']')
                    {
                        // A ']' first in a class is literal in RE2.
                        sb.Append("\\]");
                        i++;
                    }
                    continue;
                case '$':
                    sb.Append(multiline ? "(?=\\n|\\z)" : "\\z");
                    i++;
                    continue;
                case '(':
                    if (pattern.AsSpan(i).StartsWith("(?=") || pattern.AsSpan(i).StartsWith("(?!") ||
                        pattern.AsSpan(i).StartsWith("(?<=") || pattern.AsSpan(i).StartsWith("(?<!") ||
                        pattern.AsSpan(i).StartsWith("(?>"))
                    {
                        // Lookarounds and atomic groups are not RE2.
                        throw new ArgumentException($"error parsing regexp: invalid or unsupported Perl syntax: `{pattern[i..Math.Min(i + 4, pattern.Length)]}`");
                    }
                    if (pattern.AsSpan(i).StartsWith("(?P<"))
                    {
                        sb.Append("(?<");
                        i += 4;
                        continue;
                    }
                    if (pattern.AsSpan(i).StartsWith("(?") && i + 2 < pattern.Length && pattern[i + 2] != ':' && pattern[i + 2] != '<')
                    {
                        // Flag group: RE2 knows i, m, s, U. .NET has no ungreedy flag.
                        var j = i + 2;
                        while (j < pattern.Length && pattern[j] != ')' && pattern[j] != ':')
                        {
                            if (pattern[j] == 'U')
                            {
                                throw new ArgumentException("error parsing regexp: the ungreedy flag (?U) is not supported");
                            }
                            if ("imsx-".IndexOf(pattern[j]) < 0)
                            {
                                throw new ArgumentException($"error parsing regexp: invalid or unsupported Perl syntax: `{pattern[i..Math.Min(j + 1, pattern.Length)]}`");
                            }
                            j++;
                        }
                    }
                    break;
                case '{':
                    {
                        var end = pattern.IndexOf('}', i);
                        if (end > i && IsRepeat(pattern.AsSpan(i + 1, end - i - 1), out var max) && max > MaxRepeat)
                        {
                            throw new ArgumentException($"error parsing regexp: invalid repeat count: `{pattern[i..(end + 1)]}`");
                        }
                        break;
                    }
                default:
                    break;
            }
            sb.Append(c);
            i++;
        }
        if (inClass)
        {
            throw new ArgumentException($"error parsing regexp: missing closing ]: `{pattern}`");
        }
        return sb.ToString();
    }

    private static bool HasFlag(string pattern, char flag)
    {
        var index = 0;
        while ((index = pattern.IndexOf("(?", index, StringComparison.Ordinal)) >= 0)
        {
            var j = index + 2;
            while (j < pattern.Length && char.IsLetter(pattern[j]))
            {
                if (pattern[j] == flag)
                {
                    return true;
                }
                j++;
            }
            index = j;
        }
        return false;
    }

    private static bool IsRepeat(ReadOnlySpan<char> body, out int max)
    {
        max = 0;
        var comma = body.IndexOf(',');
        var first = comma < 0 ? body : body[..comma];
        if (first.IsEmpty || !int.TryParse(first, out var lo))
        {
            return false;
        }
        max = lo;
        if (comma >= 0)
        {
            var second = body[(comma + 1)..];
            if (!second.IsEmpty)
            {
                if (!int.TryParse(second, out var hi))
                {
                    return false;
                }
                max = Math.Max(max, hi);
            }
        }
        return true;
    }

    private static string? PosixClass(string name) => name switch
    {
        "alnum" => "0-9A-Za-z",
        "alpha" => "A-Za-z",
        "ascii" => "\\x00-\\x7F",
        "blank" => "\\t ",
        "cntrl" => "\\x00-\\x1F\\x7F",
        "digit" => "0-9",
        "graph" => "!-~",
        "lower" => "a-z",
        "print" => " -~",
        "punct" => "!-/:-@\\[-`{-~",
        "space" => "\\t\\n\\v\\f\\r ",
        "upper" => "A-Z",
        "word" => "0-9A-Za-z_",
        "xdigit" => "0-9A-Fa-f",
        _ => null,
    };
}
