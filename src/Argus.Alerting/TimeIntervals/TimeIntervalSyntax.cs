using System.Globalization;

namespace Argus.Alerting.TimeIntervals;

/// <summary>
/// Parses the textual fields of a time interval exactly as Alertmanager accepts them: <c>"HH:MM"</c>
/// times (00:00–23:59 and 24:00), weekday and month names (case-insensitive, months also 1–12),
/// days of the month (1–31 or -31–-1), years, each as <c>"x"</c> or <c>"x:y"</c>, and IANA zone names.
/// </summary>
/// <remarks>Every method throws <see cref="FormatException"/> with Alertmanager's reason on bad input.</remarks>
public static class TimeIntervalSyntax
{
    private static readonly string[] WeekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    public static TimeOfDayRange ParseTimeRange(string? start, string? end)
    {
        if (string.IsNullOrEmpty(start) || string.IsNullOrEmpty(end))
        {
            throw new FormatException("both start and end times must be provided");
        }
        var s = ParseTimeOfDay(start);
        var e = ParseTimeOfDay(end);
        if (s >= e)
        {
            throw new FormatException("start time cannot be equal or greater than end time");
        }
        return new TimeOfDayRange(s, e);
    }

    /// <summary>Minutes since midnight of <c>"HH:MM"</c>; <c>"24:00"</c> is 1440.</summary>
    public static int ParseTimeOfDay(string text)
    {
        if (text == "24:00")
        {
            return 1440;
        }
        if (text.Length != 5 || text[2] != ':' || !AllDigits(text.AsSpan(0, 2)) || !AllDigits(text.AsSpan(3, 2)))
        {
            throw new FormatException($"couldn't parse timestamp {text}, invalid format");
        }
        var hours = ((text[0] - '0') * 10) + (text[1] - '0');
        var minutes = ((text[3] - '0') * 10) + (text[4] - '0');
        if (hours > 23 || minutes > 59)
        {
            throw new FormatException($"couldn't parse timestamp {text}, invalid format");
        }
        return (hours * 60) + minutes;
    }

    public static InclusiveRange ParseWeekdayRange(string text)
    {
        var range = ParseRange(text, part => NameIndex(WeekdayNames, part, 0) ?? throw new FormatException($"{part} is not a valid weekday"));
        if (range.Begin > range.End)
        {
            throw new FormatException("start day cannot be before end day");
        }
        return range;
    }

    public static InclusiveRange ParseMonthRange(string text)
    {
        var range = ParseRange(text, part =>
        {
            if (NameIndex(MonthNames, part, 1) is { } named)
            {
                return named;
            }
            if (int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                if (number < 1 || number > 12)
                {
                    throw new FormatException($"{number} is not a valid month: out of range");
                }
                return number;
            }
            throw new FormatException($"{part} is not a valid month");
        });
        if (range.Begin > range.End)
        {
            throw new FormatException("end month must be greater than or equal to start month");
        }
        return range;
    }

    public static InclusiveRange ParseDayOfMonthRange(string text)
    {
        var range = ParseRange(text, ParseInt);
        foreach (var day in (ReadOnlySpan<int>)[range.Begin, range.End])
        {
            if (day == 0 || day < -31 || day > 31)
            {
                throw new FormatException($"{day} is not a valid day of the month: out of range");
            }
        }
        // Negative days are resolved per month when matching; this only catches ranges that are
        // reversed in every month (the same coarse check Alertmanager makes).
        var trueBegin = range.Begin < 0 ? 30 + range.Begin : range.Begin;
        var trueEnd = range.End < 0 ? 30 + range.End : range.End;
        if (trueBegin > trueEnd)
        {
            throw new FormatException("start day cannot be before end day");
        }
        return range;
    }

    public static InclusiveRange ParseYearRange(string text)
    {
        var range = ParseRange(text, ParseInt);
        if (range.Begin <= 0 || range.End <= 0)
        {
            throw new FormatException($"{text} is not a valid year range: years must be positive");
        }
        if (range.Begin > range.End)
        {
            throw new FormatException("end year must be greater than or equal to start year");
        }
        return range;
    }

    /// <summary>Resolves a <c>location</c>: <c>UTC</c>, <c>Local</c> (the host's zone) or an IANA zone name.</summary>
    public static TimeZoneInfo ParseLocation(string name)
    {
        if (name.Length == 0 || name == "UTC")
        {
            return TimeZoneInfo.Utc;
        }
        if (name == "Local")
        {
            return TimeZoneInfo.Local;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new FormatException($"unknown time zone {name}", e);
        }
    }

    private static InclusiveRange ParseRange(string text, Func<string, int> parsePart)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new FormatException("empty range");
        }
        var parts = text.Split(':');
        if (parts.Length > 2)
        {
            throw new FormatException($"invalid range {text}: too many colons");
        }
        var begin = parsePart(parts[0]);
        var end = parts.Length == 2 ? parsePart(parts[1]) : begin;
        return new InclusiveRange(begin, end);
    }

    private static int ParseInt(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{text} is not a number");

    private static int? NameIndex(string[] names, string text, int offset)
    {
        var index = Array.IndexOf(names, text.ToLowerInvariant());
        return index < 0 ? null : index + offset;
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return true;
    }
}
