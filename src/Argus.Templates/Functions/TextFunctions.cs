using System.Text;
using System.Text.RegularExpressions;
using Argus.Model.Regex;

namespace Argus.Templates.Functions;

/// <summary>String helpers shared by Prometheus and Alertmanager templates, with Go semantics.</summary>
public static class TextFunctions
{
    /// <summary>Go's <c>strings.Title</c>: upper-cases the first letter of each word, leaves the rest.</summary>
    public static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var previous = new Rune(' ');
        foreach (var rune in s.EnumerateRunes())
        {
            sb.Append((IsSeparator(previous) ? Rune.ToUpperInvariant(rune) : rune).ToString());
            previous = rune;
        }
        return sb.ToString();
    }

    private static bool IsSeparator(Rune r)
    {
        if (r.Value <= 0x7F)
        {
            var c = (char)r.Value;
            return !(char.IsAsciiLetterOrDigit(c) || c == '_');
        }
        if (Rune.IsLetter(r) || Rune.IsDigit(r))
        {
            return false;
        }
        return Rune.IsWhiteSpace(r);
    }

    /// <summary>Go's <c>regexp.MatchString</c>: RE2 syntax, unanchored.</summary>
    public static bool Match(string pattern, string text) => Compile(pattern).IsMatch(text);

    /// <summary>
    /// Go's <c>Regexp.ReplaceAllString</c>: <c>$1</c>, <c>${1}</c>, <c>$name</c> and <c>${name}</c> in the
    /// replacement expand to groups (the longest name wins: <c>$1x</c> is group "1x"), unknown groups
    /// expand to nothing, <c>$$</c> is a dollar sign.
    /// </summary>
    public static string ReplaceAll(string pattern, string replacement, string text)
    {
        var regex = Compile(pattern);
        return regex.Replace(text, match => Expand(regex, match, replacement));
    }

    private static System.Text.RegularExpressions.Regex Compile(string pattern)
    {
        try
        {
            return Re2Regex.Compile(pattern, fullyAnchored: false);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }

    private static string Expand(System.Text.RegularExpressions.Regex regex, Match match, string template)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c != '$' || i + 1 >= template.Length)
            {
                sb.Append(c);
                i++;
                continue;
            }
            if (template[i + 1] == '$')
            {
                sb.Append('$');
                i += 2;
                continue;
            }
            string name;
            var end = i + 1;
            if (template[end] == '{')
            {
                var close = template.IndexOf('}', end);
                if (close < 0)
                {
                    sb.Append(c);
                    i++;
                    continue;
                }
                name = template[(end + 1)..close];
                end = close + 1;
            }
            else
            {
                while (end < template.Length && (char.IsAsciiLetterOrDigit(template[end]) || template[end] == '_'))
                {
                    end++;
                }
                name = template[(i + 1)..end];
            }
            if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
            {
                sb.Append(c);
                i++;
                continue;
            }
            Group? group = null;
            if (int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                if (number < regex.GetGroupNumbers().Length + 1)
                {
                    group = match.Groups[number];
                }
            }
            else if (regex.GroupNumberFromName(name) >= 0)
            {
                group = match.Groups[name];
            }
            if (group is { Success: true })
            {
                sb.Append(group.Value);
            }
            i = end;
        }
        return sb.ToString();
    }
}
