namespace Argus.Alerting.TimeIntervals;

/// <summary>
/// One Alertmanager time interval specification: an instant is inside when it satisfies every field
/// that is set (a field that is null does not restrict), and for a set field at least one of its
/// ranges. The instant is first converted to <see cref="Location"/> (UTC when not set), so ranges are
/// wall-clock times of that zone, DST included.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class TimeInterval
{
    public TimeInterval(
        IReadOnlyList<TimeOfDayRange>? times = null,
        IReadOnlyList<InclusiveRange>? weekdays = null,
        IReadOnlyList<InclusiveRange>? daysOfMonth = null,
        IReadOnlyList<InclusiveRange>? months = null,
        IReadOnlyList<InclusiveRange>? years = null,
        TimeZoneInfo? location = null)
    {
        Times = times;
        Weekdays = weekdays;
        DaysOfMonth = daysOfMonth;
        Months = months;
        Years = years;
        Location = location;
    }

    /// <summary>Times of day; null means the whole day.</summary>
    public IReadOnlyList<TimeOfDayRange>? Times { get; }

    /// <summary>Weekday ranges with Sunday = 0 … Saturday = 6.</summary>
    public IReadOnlyList<InclusiveRange>? Weekdays { get; }

    /// <summary>Day-of-month ranges; negative days count back from the last day (-1 is the last day).</summary>
    public IReadOnlyList<InclusiveRange>? DaysOfMonth { get; }

    /// <summary>Month ranges, January = 1.</summary>
    public IReadOnlyList<InclusiveRange>? Months { get; }

    public IReadOnlyList<InclusiveRange>? Years { get; }

    /// <summary>The zone the ranges are expressed in; null means UTC.</summary>
    public TimeZoneInfo? Location { get; }

    public bool Contains(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Location ?? TimeZoneInfo.Utc);
        if (Times is not null)
        {
            var minute = (local.Hour * 60) + local.Minute;
            if (!Times.Any(r => r.Contains(minute)))
            {
                return false;
            }
        }
        if (DaysOfMonth is not null && !ContainsDayOfMonth(local))
        {
            return false;
        }
        if (Months is not null && !Months.Any(r => r.Contains(local.Month)))
        {
            return false;
        }
        if (Weekdays is not null && !Weekdays.Any(r => r.Contains((int)local.DayOfWeek)))
        {
            return false;
        }
        return Years is null || Years.Any(r => r.Contains(local.Year));
    }

    private bool ContainsDayOfMonth(DateTimeOffset local)
    {
        var daysInMonth = DateTime.DaysInMonth(local.Year, local.Month);
        foreach (var range in DaysOfMonth!)
        {
            var begin = range.Begin < 0 ? daysInMonth + range.Begin + 1 : range.Begin;
            var end = range.End < 0 ? daysInMonth + range.End + 1 : range.End;
            if (begin > daysInMonth)
            {
                // E.g. "31" in a 30-day month: the range does not exist this month.
                continue;
            }
            begin = Math.Clamp(begin, -daysInMonth, daysInMonth);
            end = Math.Clamp(end, -daysInMonth, daysInMonth);
            if (local.Day >= begin && local.Day <= end)
            {
                return true;
            }
        }
        return false;
    }
}
