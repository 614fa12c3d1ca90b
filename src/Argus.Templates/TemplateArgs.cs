using System.Collections;
using System.Globalization;
using Argus.Templates.Formatting;

namespace Argus.Templates;

/// <summary>
/// Typed access to template function arguments with Go's conversion rules and error wording
/// (<c>wrong type for value; expected string; got int</c>).
/// </summary>
public static class TemplateArgs
{
    public static string String(object?[] args, int index)
    {
        var value = args[index];
        return value switch
        {
            string s => s,
            null => throw new TemplateArgumentException("invalid value; expected string"),
            _ => throw WrongType("string", value),
        };
    }

    public static DateTimeOffset Time(object?[] args, int index)
    {
        var value = args[index];
        return value switch
        {
            DateTimeOffset or DateTime => GoTime.ToDateTimeOffset(value),
            null => throw new TemplateArgumentException("invalid value; expected time.Time"),
            _ => throw WrongType("time.Time", value),
        };
    }

    /// <summary>A <c>[]string</c> argument: any enumerable of strings.</summary>
    public static IReadOnlyList<string> StringList(object?[] args, int index)
    {
        var value = args[index];
        if (value is IEnumerable items && value is not string)
        {
            var list = new List<string>();
            foreach (var item in items)
            {
                list.Add(item as string ?? throw WrongType("[]string", value));
            }
            return list;
        }
        if (value is null)
        {
            return [];
        }
        throw WrongType("[]string", value);
    }

    /// <summary>
    /// Prometheus' <c>convertToFloat</c>: numbers as they are, strings parsed like Go's
    /// <c>strconv.ParseFloat</c>, durations as seconds, times as Unix seconds.
    /// </summary>
    public static double Float(object?[] args, int index)
    {
        var value = args[index];
        switch (GoValues.KindOf(value))
        {
            case GoKind.Int:
            case GoKind.Uint:
            case GoKind.Float:
                return GoValues.ToDouble(value!);
            case GoKind.String:
                return ParseGoFloat((string)value!);
            case GoKind.Duration:
                return ((TimeSpan)value!).TotalSeconds;
            case GoKind.Time:
                var t = GoTime.ToDateTimeOffset(value!);
                return (t - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;
            default:
                throw new InvalidOperationException($"can't convert {GoValues.TypeName(value)} to float");
        }
    }

    /// <summary>Go's <c>strconv.ParseFloat(s, 64)</c>, including <c>Inf</c>, <c>NaN</c> and underscores-free decimal/exponent forms.</summary>
    public static double ParseGoFloat(string s)
    {
        var lowered = s.ToLowerInvariant();
        switch (lowered)
        {
            case "inf" or "+inf" or "infinity" or "+infinity":
                return double.PositiveInfinity;
            case "-inf" or "-infinity":
                return double.NegativeInfinity;
            case "nan":
                return double.NaN;
        }
        if (s.Length > 0 && !s.Contains(' ', StringComparison.Ordinal)
            && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }
        throw new FormatException($"strconv.ParseFloat: parsing {GoLiteral.Quote(s)}: invalid syntax");
    }

    public static TemplateArgumentException WrongType(string expected, object? value) =>
        new($"wrong type for value; expected {expected}; got {GoValues.TypeName(value)}");
}
