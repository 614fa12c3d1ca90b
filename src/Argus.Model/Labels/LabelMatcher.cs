using Argus.Model.Regex;

namespace Argus.Model.Labels;

/// <summary>
/// A label matcher such as <c>job=~"api|web"</c>. Regex matchers are fully anchored RE2 run on the
/// non-backtracking engine; common shapes (<c>.*</c>, <c>.+</c>, literal alternations, literal
/// prefixes) are answered without running a regex at all.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class LabelMatcher : IEquatable<LabelMatcher>
{
    private readonly System.Text.RegularExpressions.Regex? _regex;
    private readonly HashSet<string>? _literalSet;
    private readonly string? _literalPrefix;
    private readonly RegexShape _shape;

    private enum RegexShape : byte
    {
        General,
        Any,
        NonEmpty,
        LiteralSet,
        LiteralPrefix,
    }

    /// <exception cref="ArgumentException">A regex matcher's value is not valid RE2.</exception>
    public LabelMatcher(MatchType type, string name, string value)
    {
        Type = type;
        Name = name;
        Value = value;
        if (type is MatchType.Regex or MatchType.NotRegex)
        {
            _regex = Re2Regex.Compile(value);
            _shape = Classify(value, out _literalSet, out _literalPrefix);
        }
    }

    public static LabelMatcher Equal(string name, string value) => new(MatchType.Equal, name, value);

    public MatchType Type { get; }

    public string Name { get; }

    public string Value { get; }

    /// <summary>True when this matcher accepts <paramref name="value"/> (use "" for an absent label).</summary>
    public bool Matches(string value) => Type switch
    {
        MatchType.Equal => string.Equals(value, Value, StringComparison.Ordinal),
        MatchType.NotEqual => !string.Equals(value, Value, StringComparison.Ordinal),
        MatchType.Regex => RegexMatches(value),
        MatchType.NotRegex => !RegexMatches(value),
        _ => false,
    };

    /// <summary>True when the matcher accepts the empty string, i.e. also series without the label.</summary>
    public bool MatchesEmpty => Matches(string.Empty);

    /// <summary>For <c>=~</c> matchers that are an alternation of literals, the literals; else null.
    /// Lets the index look values up directly instead of scanning every value.</summary>
    public IReadOnlyCollection<string>? SetMatches => Type == MatchType.Regex && _shape == RegexShape.LiteralSet ? _literalSet : null;

    private bool RegexMatches(string value) => _shape switch
    {
        RegexShape.Any => !value.Contains('\n', StringComparison.Ordinal),
        RegexShape.NonEmpty => value.Length > 0 && !value.Contains('\n', StringComparison.Ordinal),
        RegexShape.LiteralSet => _literalSet!.Contains(value),
        RegexShape.LiteralPrefix => value.StartsWith(_literalPrefix!, StringComparison.Ordinal) && !value.AsSpan(_literalPrefix!.Length).Contains('\n'),
        _ => _regex!.IsMatch(value),
    };

    private static RegexShape Classify(string pattern, out HashSet<string>? literals, out string? prefix)
    {
        literals = null;
        prefix = null;
        if (pattern == ".*")
        {
            return RegexShape.Any;
        }
        if (pattern == ".+")
        {
            return RegexShape.NonEmpty;
        }
        if (pattern.EndsWith(".*", StringComparison.Ordinal) && IsPlainLiteral(pattern.AsSpan(0, pattern.Length - 2)))
        {
            prefix = pattern[..^2];
            return RegexShape.LiteralPrefix;
        }
        var parts = pattern.Split('|');
        foreach (var part in parts)
        {
            if (!IsPlainLiteral(part))
            {
                return RegexShape.General;
            }
        }
        literals = new HashSet<string>(parts, StringComparer.Ordinal);
        return RegexShape.LiteralSet;
    }

    private static bool IsPlainLiteral(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if ("\\^$.|?*+()[]{}".Contains(c))
            {
                return false;
            }
        }
        return true;
    }

    public bool Equals(LabelMatcher? other) =>
        other is not null && other.Type == Type && other.Name == Name && other.Value == Value;

    public override bool Equals(object? obj) => obj is LabelMatcher m && Equals(m);

    public override int GetHashCode() => HashCode.Combine(Type, Name, Value);

    /// <summary>PromQL notation, e.g. <c>job=~"a|b"</c>.</summary>
    public override string ToString()
    {
        var op = Type switch
        {
            MatchType.Equal => "=",
            MatchType.NotEqual => "!=",
            MatchType.Regex => "=~",
            _ => "!~",
        };
        return Name + op + LabelValueQuoting.Quote(Value);
    }
}
