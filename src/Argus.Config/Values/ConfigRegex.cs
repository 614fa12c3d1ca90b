using Argus.Model.Regex;

namespace Argus.Config;

/// <summary>
/// A regular expression from a configuration file: RE2 syntax, fully anchored, with <c>.</c>
/// matching newlines too, exactly as Prometheus compiles relabel regexes (<c>^(?s:…)$</c>).
/// <see cref="Pattern"/> is the text as written, which is also what a configuration dump prints.
/// </summary>
/// <remarks>Immutable and thread-safe; the compiled regex is shared.</remarks>
public sealed class ConfigRegex
{
    /// <summary>The default relabel regex, <c>(.*)</c>.</summary>
    public static readonly ConfigRegex MatchAll = Create("(.*)");

    private ConfigRegex(string pattern, System.Text.RegularExpressions.Regex regex)
    {
        Pattern = pattern;
        Regex = regex;
    }

    /// <summary>The pattern as written, without the implicit anchors.</summary>
    public string Pattern { get; }

    /// <summary>The compiled, anchored regex (non-backtracking engine).</summary>
    public System.Text.RegularExpressions.Regex Regex { get; }

    public static bool TryCreate(string pattern, out ConfigRegex regex, out string? error)
    {
        regex = null!;
        error = Re2Regex.Validate(pattern);
        if (error is not null)
        {
            error = GoStyle(error, pattern);
            return false;
        }
        try
        {
            regex = new ConfigRegex(pattern, Re2Regex.Compile("(?s:" + pattern + ")", fullyAnchored: true));
            return true;
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }
    }

    public static ConfigRegex Create(string pattern) =>
        TryCreate(pattern, out var regex, out var error) ? regex : throw new ArgumentException(error, nameof(pattern));

    /// <summary>Rewrites the .NET parser's wording (which shows the translated, anchored pattern)
    /// into Go's <c>error parsing regexp: &lt;reason&gt;: `pattern`</c> form users know from Prometheus.</summary>
    private static string GoStyle(string error, string pattern)
    {
        (string DotNet, string Go)[] reasons =
        [
            ("Not enough )'s", "missing closing )"),
            ("Too many )'s", "unexpected )"),
            ("following nothing", "missing argument to repetition operator"),
            ("Nested quantifier", "invalid nested repetition operator"),
            ("Illegal {x,y} with x > y", "invalid repeat count"),
        ];
        foreach (var (dotNet, go) in reasons)
        {
            if (error.Contains(dotNet, StringComparison.Ordinal))
            {
                return $"error parsing regexp: {go}: `{pattern}`";
            }
        }
        return error;
    }

    /// <summary>True when the whole of <paramref name="input"/> matches.</summary>
    public bool IsMatch(ReadOnlySpan<char> input) => Regex.IsMatch(input);

    public override string ToString() => Pattern;
}
