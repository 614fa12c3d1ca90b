using System.Globalization;
using System.Text;

namespace Argus.Model.Time;

/// <summary>
/// Prometheus' duration syntax: one or more <c>&lt;integer&gt;&lt;unit&gt;</c> pairs, largest unit first,
/// units <c>y w d h m s ms</c> (a year is 365 days), or a bare <c>0</c>. Formatting prints the same
/// canonical form Prometheus prints (<c>1h30m</c>, <c>0s</c>).
/// </summary>
public static class PromDuration
{
    private static readonly (string Unit, long Millis)[] Units =
    [
        ("y", 365L * 24 * 3600 * 1000),
        ("w", 7L * 24 * 3600 * 1000),
        ("d", 24L * 3600 * 1000),
        ("h", 3600L * 1000),
        ("m", 60L * 1000),
        ("s", 1000L),
        ("ms", 1L),
    ];

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan value, out string? error)
    {
        value = default;
        if (!TryParseMilliseconds(text, out var ms, out error))
        {
            return false;
        }
        value = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    /// <summary>Parses to whole milliseconds, the unit everything in Argus uses internally.</summary>
    public static bool TryParseMilliseconds(ReadOnlySpan<char> text, out long milliseconds, out string? error)
    {
        milliseconds = 0;
        error = null;
        if (text.IsEmpty)
        {
            error = "empty duration string";
            return false;
        }
        if (text is "0")
        {
            return true;
        }
        var nextUnit = 0;
        var i = 0;
        long total = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9')
            {
                i++;
            }
            if (i == start)
            {
                error = $"not a valid duration string: \"{text}\"";
                return false;
            }
            if (!long.TryParse(text[start..i], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                error = $"duration out of range: \"{text}\"";
                return false;
            }
            var unitStart = i;
            while (i < text.Length && (text[i] < '0' || text[i] > '9'))
            {
                i++;
            }
            var unit = text[unitStart..i];
            var found = -1;
            for (var u = nextUnit; u < Units.Length; u++)
            {
                if (unit.SequenceEqual(Units[u].Unit))
                {
                    found = u;
                    break;
                }
            }
            if (found < 0)
            {
                error = $"not a valid duration string: \"{text}\"";
                return false;
            }
            nextUnit = found + 1;
            try
            {
                total = checked(total + checked(number * Units[found].Millis));
            }
            catch (OverflowException)
            {
                error = $"duration out of range: \"{text}\"";
                return false;
            }
        }
        milliseconds = total;
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    public static long ParseMilliseconds(string text) =>
        TryParseMilliseconds(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Canonical Prometheus form, e.g. <c>1h30m</c>, <c>2w</c>, <c>1s500ms</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan value) => FormatMilliseconds((long)value.TotalMilliseconds);

    public static string FormatMilliseconds(long milliseconds)
    {
        if (milliseconds == 0)
        {
            return "0s";
        }
        var sb = new StringBuilder();
        if (milliseconds < 0)
        {
            sb.Append('-');
            milliseconds = -milliseconds;
        }
        foreach (var (unit, size) in Units)
        {
            var n = milliseconds / size;
            if (n > 0)
            {
                sb.Append(n.ToString(CultureInfo.InvariantCulture)).Append(unit);
                milliseconds -= n * size;
            }
        }
        return sb.ToString();
    }
}
