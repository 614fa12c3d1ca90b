using System.Globalization;
using System.Text;

namespace Argus.Templates.Formatting;

/// <summary>Go's <c>time.Time</c> and <c>time.Duration</c> text forms: <c>String()</c> and layout-based <c>Format</c>.</summary>
public static class GoTime
{
    private const long NanosPerTick = 100;

    /// <summary>Go's <c>Duration.String()</c>: <c>1h2m3.5s</c>, <c>1.5ms</c>, <c>0s</c>.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        var nanos = duration.Ticks * NanosPerTick;
        if (nanos == 0)
        {
            return "0s";
        }
        var negative = nanos < 0;
        var u = negative ? (ulong)(-(nanos + 1)) + 1 : (ulong)nanos;
        string text;
        if (u < 1_000_000_000UL)
        {
            text = u < 1_000 ? u.ToString(CultureInfo.InvariantCulture) + "ns"
                : u < 1_000_000 ? Fraction(u, 3) + "µs"
                : Fraction(u, 6) + "ms";
        }
        else
        {
            var sb = new StringBuilder();
            var minutes = u / 60_000_000_000UL;
            var hours = minutes / 60;
            if (hours > 0)
            {
                sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
            }
            if (minutes > 0)
            {
                sb.Append((minutes % 60).ToString(CultureInfo.InvariantCulture)).Append('m');
            }
            sb.Append(Fraction(u % 60_000_000_000UL, 9)).Append('s');
            text = sb.ToString();
        }
        return negative ? "-" + text : text;
    }

    private static string Fraction(ulong value, int precision)
    {
        var scale = (ulong)Math.Pow(10, precision);
        var integer = value / scale;
        var fraction = (value % scale).ToString(CultureInfo.InvariantCulture).PadLeft(precision, '0').TrimEnd('0');
        return integer.ToString(CultureInfo.InvariantCulture) + (fraction.Length > 0 ? "." + fraction : string.Empty);
    }

    /// <summary>Go's <c>Time.String()</c>: <c>2006-01-02 15:04:05.999999999 -0700 MST</c>.</summary>
    public static string FormatTime(DateTimeOffset time) => Format(time, "2006-01-02 15:04:05.999999999 -0700 MST");

    public static DateTimeOffset ToDateTimeOffset(object value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => d.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(d, TimeSpan.Zero) : new DateTimeOffset(d.ToUniversalTime(), TimeSpan.Zero),
        _ => throw new InvalidCastException("not a time"),
    };

    /// <summary>Go's <c>Time.Format(layout)</c> with the reference time <c>Mon Jan 2 15:04:05 MST 2006</c>.</summary>
    public static string Format(DateTimeOffset t, string layout)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < layout.Length)
        {
            var rest = layout.AsSpan(i);
            if (Try(rest, "January", ref i)) { sb.Append(CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(t.Month)); continue; }
            if (Try(rest, "Jan", ref i)) { sb.Append(CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(t.Month)); continue; }
            if (Try(rest, "Monday", ref i)) { sb.Append(t.DayOfWeek.ToString()); continue; }
            if (Try(rest, "Mon", ref i)) { sb.Append(t.DayOfWeek.ToString()[..3]); continue; }
            if (Try(rest, "MST", ref i)) { sb.Append(ZoneName(t)); continue; }
            if (Try(rest, "2006", ref i)) { sb.Append(t.Year.ToString("D4", CultureInfo.InvariantCulture)); continue; }
            if (Try(rest, "002", ref i)) { sb.Append(t.DayOfYear.ToString("D3", CultureInfo.InvariantCulture)); continue; }
            if (Try(rest, "01", ref i)) { sb.Append(t.Month.ToString("D2", CultureInfo.InvariantCulture)); continue; }
            if (Try(rest, "02", ref i)) { sb.Append(t.Day.ToString("D2", CultureInfo.InvariantCulture)); continue; }
            if (Try(rest, "03", ref i)) { sb.Append(Hour12(t).ToString("D2", CultureInfo.InvariantCulture)); continue; }
            if (Try(rest, "04", ref i)) { sb.Append(t.Minute.ToString("D2", CultureInfo.InvariantCulture)); continue; }
            if (Try(rest, "05", ref i)) { sb.Append(t.Second.ToString("D2", CultureInfo.InvariantCulture)); continue; }
            if (Try(rest, "06", ref i)) { sb.Append((t.Year % 100).ToString("D2", CultureInfo.InvariantCulture)); continue; }
            if (Try(rest, "15", ref i)) { sb.Append(t.Hour.ToString("D2", CultureInfo.InvariantCulture)); continue; }
            if (Try(rest, "_2", ref i)) { sb.Append(t.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)); continue; }
            if (Try(rest, "1", ref i)) { sb.Append(t.Month.ToString(CultureInfo.InvariantCulture)); continue; }
            if (Try(rest, "2", ref i)) { sb.Append(t.Day.ToString(CultureInfo.InvariantCulture)); continue; }
            if (Try(rest, "3", ref i)) { sb.Append(Hour12(t).ToString(CultureInfo.InvariantCulture)); continue; }
            if (Try(rest, "4", ref i)) { sb.Append(t.Minute.ToString(CultureInfo.InvariantCulture)); continue; }
            if (Try(rest, "5", ref i)) { sb.Append(t.Second.ToString(CultureInfo.InvariantCulture)); continue; }
            if (Try(rest, "PM", ref i)) { sb.Append(t.Hour >= 12 ? "PM" : "AM"); continue; }
            if (Try(rest, "pm", ref i)) { sb.Append(t.Hour >= 12 ? "pm" : "am"); continue; }
            if (TryZone(rest, t, sb, ref i)) { continue; }
            if (TryFraction(rest, t, sb, ref i)) { continue; }
            sb.Append(layout[i]);
            i++;
        }
        return sb.ToString();
    }

    private static int Hour12(DateTimeOffset t) => t.Hour % 12 == 0 ? 12 : t.Hour % 12;

    private static string ZoneName(DateTimeOffset t) => t.Offset == TimeSpan.Zero ? "UTC" : Offset(t.Offset, ":", false, false).Replace(":", string.Empty, StringComparison.Ordinal);

    private static bool Try(ReadOnlySpan<char> rest, string token, ref int i)
    {
        if (!rest.StartsWith(token, StringComparison.Ordinal))
        {
            return false;
        }
        i += token.Length;
        return true;
    }

    private static bool TryZone(ReadOnlySpan<char> rest, DateTimeOffset t, StringBuilder sb, ref int i)
    {
        string[] layouts = ["Z07:00:00", "-07:00:00", "Z070000", "-070000", "Z07:00", "-07:00", "Z0700", "-0700", "Z07", "-07"];
        foreach (var layout in layouts)
        {
            if (!rest.StartsWith(layout, StringComparison.Ordinal))
            {
                continue;
            }
            i += layout.Length;
            if (layout[0] == 'Z' && t.Offset == TimeSpan.Zero)
            {
                sb.Append('Z');
                return true;
            }
            var separator = layout.Contains(':', StringComparison.Ordinal) ? ":" : string.Empty;
            var digits = layout.Count(char.IsAsciiDigit);
            sb.Append(Offset(t.Offset, separator, digits == 2, digits == 6));
            return true;
        }
        return false;
    }

    private static string Offset(TimeSpan offset, string separator, bool hoursOnly, bool withSeconds)
    {
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        var text = sign + abs.Hours.ToString("D2", CultureInfo.InvariantCulture);
        if (!hoursOnly)
        {
            text += separator + abs.Minutes.ToString("D2", CultureInfo.InvariantCulture);
        }
        if (withSeconds)
        {
            text += separator + abs.Seconds.ToString("D2", CultureInfo.InvariantCulture);
        }
        return text;
    }

    private static bool TryFraction(ReadOnlySpan<char> rest, DateTimeOffset t, StringBuilder sb, ref int i)
    {
        if (rest.Length < 2 || rest[0] is not ('.' or ',') || rest[1] is not ('0' or '9'))
        {
            return false;
        }
        var digit = rest[1];
        var n = 1;
        while (n < rest.Length && rest[n] == digit)
        {
            n++;
        }
        if (n < rest.Length && char.IsAsciiDigit(rest[n]))
        {
            return false;
        }
        var count = n - 1;
        var nanos = (t.Ticks % TimeSpan.TicksPerSecond) * NanosPerTick;
        var fraction = nanos.ToString("D9", CultureInfo.InvariantCulture)[..Math.Min(count, 9)].PadRight(count, '0');
        if (digit == '9')
        {
            fraction = fraction.TrimEnd('0');
            if (fraction.Length > 0)
            {
                sb.Append(rest[0]).Append(fraction);
            }
        }
        else
        {
            sb.Append(rest[0]).Append(fraction);
        }
        i += n;
        return true;
    }
}
