using System.Text;

namespace Argus.Config;

/// <summary>
/// Expands <c>$VAR</c> and <c>${VAR}</c> in external label values the way Go's <c>os.Expand</c>
/// does for Prometheus: <c>$$</c> is a literal <c>$</c>, unset variables expand to "", a <c>$</c>
/// not followed by a name stays, and malformed <c>${</c> forms are dropped.
/// </summary>
public static class EnvironmentExpansion
{
    public static string Expand(string text, Func<string, string?> getEnvironment)
    {
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        var start = 0;
        for (var j = 0; j < text.Length; j++)
        {
            if (text[j] != '$' || j + 1 >= text.Length)
            {
                continue;
            }
            sb.Append(text, start, j - start);
            var (name, width) = ShellName(text.AsSpan(j + 1));
            if (name.Length == 0 && width > 0)
            {
                // Malformed: the characters are eaten.
            }
            else if (name.Length == 0)
            {
                sb.Append('$');
            }
            else
            {
                sb.Append(name == "$" ? "$" : getEnvironment(name) ?? string.Empty);
            }
            j += width;
            start = j + 1;
        }
        sb.Append(text, start, text.Length - start);
        return sb.ToString();
    }

    private static (string Name, int Width) ShellName(ReadOnlySpan<char> s)
    {
        if (s[0] == '{')
        {
            if (s.Length > 2 && IsSpecial(s[1]) && s[2] == '}')
            {
                return (s[1].ToString(), 3);
            }
            for (var i = 1; i < s.Length; i++)
            {
                if (s[i] == '}')
                {
                    return i == 1 ? (string.Empty, 2) : (s[1..i].ToString(), i + 1);
                }
            }
            return (string.Empty, 1);
        }
        if (IsSpecial(s[0]))
        {
            return (s[0].ToString(), 1);
        }
        var n = 0;
        while (n < s.Length && (s[n] == '_' || char.IsAsciiLetterOrDigit(s[n])))
        {
            n++;
        }
        return (s[..n].ToString(), n);
    }

    private static bool IsSpecial(char c) => c is '*' or '#' or '$' or '@' or '!' or '?' or '-' or (>= '0' and <= '9');
}
