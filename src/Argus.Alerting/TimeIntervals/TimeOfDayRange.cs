namespace Argus.Alerting.TimeIntervals;

/// <summary>A span of the day in minutes since midnight: <see cref="StartMinute"/> inclusive,
/// <see cref="EndMinute"/> exclusive (0 ≤ start &lt; end ≤ 1440), as written <c>start_time: "09:00"</c>,
/// <c>end_time: "17:00"</c>.</summary>
public readonly record struct TimeOfDayRange(int StartMinute, int EndMinute)
{
    public bool Contains(int minuteOfDay) => minuteOfDay >= StartMinute && minuteOfDay < EndMinute;

    public override string ToString() => $"{StartMinute / 60:00}:{StartMinute % 60:00}-{EndMinute / 60:00}:{EndMinute % 60:00}";
}
