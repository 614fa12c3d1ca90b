using System.Text.RegularExpressions;

namespace Argus.Config.Relabeling;

/// <summary>
/// A replacement or target-label template (<c>$1</c>, <c>${1}</c>, <c>${name}</c>, <c>$name</c>,
/// <c>$$</c>) compiled once against one regex, expanding exactly as Go's <c>regexp.Expand</c>:
/// <c>$name</c> takes the longest run of letters, digits and <c>_</c>; a group that does not exist
/// or did not participate expands to nothing; a malformed <c>$</c> is literal text.
/// </summary>
/// <remarks>Group numbers follow RE2 (every capturing group numbered by its opening parenthesis),
/// which differs from .NET's numbering when named and unnamed groups are mixed; the template maps
/// them at compile time. Immutable and thread-safe.</remarks>
internal sealed class ReplacementTemplate
{
    // A segment is literal text (Group < 0) or a .NET group number to copy (Group >= 0), where
    // Group == int.MaxValue marks a reference to a group that does not exist.
    private readonly (string Literal, int Group)[] _segments;

    private ReplacementTemplate((string, int)[] segments, string text)
    {
        _segments = segments;
        Text = text;
        HasGroupReferences = segments.Any(s => s.Item2 >= 0);
    }

    public string Text { get; }

    /// <summary>True when expanding needs the match's groups (otherwise the text is constant).</summary>
    public bool HasGroupReferences { get; }

    /// <summary>The constant value when <see cref="HasGroupReferences"/> is false.</summary>
    public string ConstantValue => string.Concat(_segments.Select(s => s.Literal));

    public static ReplacementTemplate Compile(string template, ConfigRegex regex)
    {
        var groups = Re2Groups(regex.Pattern);
        var segments = new List<(string, int)>();
        var literal = new System.Text.StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var dollar = template.IndexOf('$', i);
            if (dollar < 0)
            {
                literal.Append(template, i, template.Length - i);
                break;
            }
            literal.Append(template, i, dollar - i);
            i = dollar + 1;
            if (i < template.Length && template[i] == '$')
            {
                literal.Append('$');
                i++;
                continue;
            }
            if (!TryExtract(template, i, out var name, out var next))
            {
                literal.Append('$');
                continue;
            }
            i = next;
            if (literal.Length > 0)
            {
                segments.Add((literal.ToString(), -1));
                literal.Clear();
            }
            segments.Add((string.Empty, ResolveGroup(name, groups, regex.Regex)));
        }
        if (literal.Length > 0)
        {
            segments.Add((literal.ToString(), -1));
        }
        return new ReplacementTemplate(segments.ToArray(), template);
    }

    /// <summary>Appends the expansion for <paramref name="match"/> to <paramref name="output"/>.</summary>
    public void Expand(Match match, ref CharBuffer output)
    {
        foreach (var (literal, group) in _segments)
        {
            if (group < 0)
            {
                output.Append(literal);
            }
            else if (group != int.MaxValue)
            {
                var g = match.Groups[group];
                if (g.Success)
                {
                    output.Append(g.ValueSpan);
                }
            }
        }
    }

    private static int ResolveGroup(string name, List<string?> groups, Regex regex)
    {
        var isNumber = true;
        long number = 0;
        foreach (var c in name)
        {
            if (c is < '0' or > '9' || number >= 100_000_000)
            {
                isNumber = false;
                break;
            }
            number = (number * 10) + (c - '0');
        }
        if (isNumber)
        {
            if (number == 0)
            {
                return 0;
            }
            if (number > groups.Count)
            {
                return int.MaxValue;
            }
            var groupName = groups[(int)number - 1];
            if (groupName is not null)
            {
                return regex.GroupNumberFromName(groupName) is var n and >= 0 ? n : int.MaxValue;
            }
            var unnamedOrdinal = 0;
            for (var k = 0; k < number; k++)
            {
                if (groups[k] is null)
                {
                    unnamedOrdinal++;
                }
            }
            return unnamedOrdinal;
        }
        return groups.Contains(name) && regex.GroupNumberFromName(name) is var named and >= 0 ? named : int.MaxValue;
    }

    /// <summary>Go's <c>extract</c>: a name after <c>$</c>, optionally in braces.</summary>
    private static bool TryExtract(string template, int start, out string name, out int next)
    {
        name = string.Empty;
        next = start;
        if (start >= template.Length)
        {
            return false;
        }
        var brace = template[start] == '{';
        var i = brace ? start + 1 : start;
        var nameStart = i;
        while (i < template.Length)
        {
            var rune = System.Text.Rune.GetRuneAt(template, i);
            if (!(System.Text.Rune.IsLetter(rune) || System.Text.Rune.IsDigit(rune) || rune.Value == '_'))
            {
                break;
            }
            i += rune.Utf16SequenceLength;
        }
        if (i == nameStart)
        {
            return false;
        }
        name = template[nameStart..i];
        if (brace)
        {
            if (i >= template.Length || template[i] != '}')
            {
                return false;
            }
            i++;
        }
        next = i;
        return true;
    }

    /// <summary>The capturing groups of an RE2 pattern in RE2 order: null for unnamed, else the name.</summary>
    private static List<string?> Re2Groups(string pattern)
    {
        var groups = new List<string?>();
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == 'Q')
                {
                    var end = pattern.IndexOf("\\E", i + 2, StringComparison.Ordinal);
                    i = end < 0 ? pattern.Length : end + 1;
                    continue;
                }
                i++;
                continue;
            }
            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }
                continue;
            }
            if (c == '[')
            {
                inClass = true;
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    i++;
                }
                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    i++;
                }
                continue;
            }
            if (c != '(')
            {
                continue;
            }
            if (i + 1 < pattern.Length && pattern[i + 1] == '?')
            {
                var rest = pattern.AsSpan(i + 2);
                var prefix = rest.StartsWith("P<") ? 2 : rest.StartsWith("<") ? 1 : 0;
                if (prefix > 0)
                {
                    var close = rest.IndexOf('>');
                    groups.Add(close > prefix ? rest[prefix..close].ToString() : string.Empty);
                }
                continue;
            }
            groups.Add(null);
        }
        return groups;
    }
}
