using System.Text;
using System.Text.RegularExpressions;

namespace Argus.Config;

/// <summary>
/// Go's <c>filepath.Glob</c> for the patterns Prometheus allows in <c>rule_files</c> and
/// <c>scrape_config_files</c>: wildcards (<c>*</c>, <c>?</c>, <c>[…]</c>) only in the last path
/// element. Results are sorted; a pattern without wildcards yields the path if it exists.
/// </summary>
public static partial class FileGlob
{
    /// <summary>True when <paramref name="pattern"/> has a <c>*</c> only in its last element
    /// (Prometheus' rule for rule and scrape-config file paths).</summary>
    public static bool IsValidPattern(string pattern) => RulePathPattern().IsMatch(pattern);

    /// <summary>Files matching <paramref name="pattern"/>; a relative pattern is taken relative to
    /// <paramref name="baseDirectory"/>.</summary>
    public static IReadOnlyList<string> Match(string pattern, string baseDirectory)
    {
        var full = Path.IsPathRooted(pattern) ? pattern : Path.Combine(baseDirectory, pattern);
        var directory = Path.GetDirectoryName(full) ?? ".";
        var name = Path.GetFileName(full);
        if (name.IndexOfAny(['*', '?', '[']) < 0)
        {
            return File.Exists(full) || Directory.Exists(full) ? [full] : [];
        }
        if (!Directory.Exists(directory))
        {
            return [];
        }
        var regex = new Regex(ToRegex(name), RegexOptions.CultureInvariant);
        return Directory.EnumerateFileSystemEntries(directory)
            .Where(path => regex.IsMatch(Path.GetFileName(path)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string ToRegex(string glob)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                    var end = glob.IndexOf(']', i + 1);
                    if (end < 0)
                    {
                        sb.Append("\\[");
                        break;
                    }
                    var body = glob[(i + 1)..end];
                    sb.Append('[').Append(body.StartsWith('^') ? "^" + Regex.Escape(body[1..]) : Regex.Escape(body)).Append(']');
                    i = end;
                    break;
                case '\\' when i + 1 < glob.Length:
                    sb.Append(Regex.Escape(glob[++i].ToString()));
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return sb.Append('$').ToString();
    }

    [GeneratedRegex(@"^[^*]*(\*[^/]*)?$")]
    private static partial Regex RulePathPattern();
}
