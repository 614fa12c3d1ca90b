using Argus.Alerting.TimeIntervals;

namespace Argus.Alerting.Tests.TimeIntervals;

public sealed class TimeIntervalTests
{
    [Theory]
    [InlineData("00:00", 0)]
    [InlineData("09:30", 570)]
    [InlineData("23:59", 1439)]
    [InlineData("24:00", 1440)]
    public void Times_of_day_are_minutes_since_midnight(string text, int minutes) =>
        Assert.Equal(minutes, TimeIntervalSyntax.ParseTimeOfDay(text));

    [Theory]
    [InlineData("24:01")]
    [InlineData("9:30")]
    [InlineData("12:60")]
    [InlineData("ab:cd")]
    public void Malformed_times_are_rejected(string text) =>
        Assert.Throws<FormatException>(() => TimeIntervalSyntax.ParseTimeOfDay(text));

    [Fact]
    public void A_time_range_must_end_after_it_starts()
    {
        var e = Assert.Throws<FormatException>(() => TimeIntervalSyntax.ParseTimeRange("17:00", "09:00"));
        Assert.Equal("start time cannot be equal or greater than end time", e.Message);
        Assert.Throws<FormatException>(() => TimeIntervalSyntax.ParseTimeRange("09:00", null));
    }

    [Fact]
    public void Weekday_and_month_names_are_case_insensitive_ranges()
    {
        Assert.Equal(new InclusiveRange(1, 5), TimeIntervalSyntax.ParseWeekdayRange("Monday:FRIDAY"));
        Assert.Equal(new InclusiveRange(0, 0), TimeIntervalSyntax.ParseWeekdayRange("sunday"));
        Assert.Equal(new InclusiveRange(1, 3), TimeIntervalSyntax.ParseMonthRange("january:march"));
        Assert.Equal(new InclusiveRange(11, 12), TimeIntervalSyntax.ParseMonthRange("11:12"));
        Assert.Throws<FormatException>(() => TimeIntervalSyntax.ParseWeekdayRange("friday:monday"));
        // Sunday is day 0, so a range cannot wrap over the weekend; list the days instead.
        Assert.Throws<FormatException>(() => TimeIntervalSyntax.ParseWeekdayRange("saturday:sunday"));
        Assert.Throws<FormatException>(() => TimeIntervalSyntax.ParseWeekdayRange("funday"));
        Assert.Throws<FormatException>(() => TimeIntervalSyntax.ParseMonthRange("13"));
    }

    [Fact]
    public void Days_of_month_accept_negative_days_but_not_zero()
    {
        Assert.Equal(new InclusiveRange(-3, -1), TimeIntervalSyntax.ParseDayOfMonthRange("-3:-1"));
        Assert.Throws<FormatException>(() => TimeIntervalSyntax.ParseDayOfMonthRange("0"));
        Assert.Throws<FormatException>(() => TimeIntervalSyntax.ParseDayOfMonthRange("32"));
        Assert.Throws<FormatException>(() => TimeIntervalSyntax.ParseDayOfMonthRange("10:5"));
    }

    [Fact]
    public void Years_must_be_ordered()
    {
        Assert.Equal(new InclusiveRange(2020, 2022), TimeIntervalSyntax.ParseYearRange("2020:2022"));
        Assert.Throws<FormatException>(() => TimeIntervalSyntax.ParseYearRange("2022:2020"));
    }

    [Fact]
    public void Negative_day_of_month_counts_from_the_end_of_each_month()
    {
        var lastDay = new TimeInterval(daysOfMonth: [new InclusiveRange(-1, -1)]);
        Assert.True(lastDay.Contains(new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.Zero)));
        Assert.False(lastDay.Contains(new DateTimeOffset(2024, 2, 28, 12, 0, 0, TimeSpan.Zero)));
        Assert.True(lastDay.Contains(new DateTimeOffset(2023, 2, 28, 12, 0, 0, TimeSpan.Zero)));
        Assert.True(lastDay.Contains(new DateTimeOffset(2024, 1, 31, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Day_31_does_not_exist_in_a_30_day_month()
    {
        var day31 = new TimeInterval(daysOfMonth: [new InclusiveRange(31, 31)]);
        Assert.False(day31.Contains(new DateTimeOffset(2024, 4, 30, 12, 0, 0, TimeSpan.Zero)));
        Assert.True(day31.Contains(new DateTimeOffset(2024, 5, 31, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Without_location_ranges_are_utc_and_the_end_minute_is_exclusive()
    {
        var hours = new TimeInterval(times: [TimeIntervalSyntax.ParseTimeRange("09:00", "17:00")]);
        Assert.True(hours.Contains(new DateTimeOffset(2024, 6, 3, 9, 0, 0, TimeSpan.Zero)));
        Assert.True(hours.Contains(new DateTimeOffset(2024, 6, 3, 16, 59, 59, TimeSpan.Zero)));
        Assert.False(hours.Contains(new DateTimeOffset(2024, 6, 3, 17, 0, 0, TimeSpan.Zero)));
        // 08:30 in New York is 12:30 UTC: inside when the interval is in UTC.
        Assert.True(hours.Contains(new DateTimeOffset(2024, 6, 3, 8, 30, 0, TimeSpan.FromHours(-4))));
    }

    [Fact]
    public void Business_hours_in_new_york_follow_daylight_saving_time()
    {
        var ny = TimeIntervalSyntax.ParseLocation("America/New_York");
        var interval = new TimeInterval(
            times: [TimeIntervalSyntax.ParseTimeRange("09:00", "17:00")],
            weekdays: [TimeIntervalSyntax.ParseWeekdayRange("monday:friday")],
            location: ny);
        // 13:30 UTC is 08:30 EST on Friday 8 March 2024 (before the change) ...
        Assert.False(interval.Contains(new DateTimeOffset(2024, 3, 8, 13, 30, 0, TimeSpan.Zero)));
        // ... and 09:30 EDT on Monday 11 March 2024 (after it).
        Assert.True(interval.Contains(new DateTimeOffset(2024, 3, 11, 13, 30, 0, TimeSpan.Zero)));
        // 21:30 UTC on Friday is 17:30 EDT: after hours.
        Assert.False(interval.Contains(new DateTimeOffset(2024, 3, 15, 21, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Weekday_is_taken_in_the_location_not_in_utc()
    {
        var sydney = TimeIntervalSyntax.ParseLocation("Australia/Sydney");
        var saturday = new TimeInterval(weekdays: [TimeIntervalSyntax.ParseWeekdayRange("saturday")], location: sydney);
        // Friday 2024-06-07 20:00 UTC is Saturday 06:00 in Sydney (UTC+10).
        Assert.True(saturday.Contains(new DateTimeOffset(2024, 6, 7, 20, 0, 0, TimeSpan.Zero)));
        Assert.False(saturday.Contains(new DateTimeOffset(2024, 6, 7, 10, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Unknown_locations_are_rejected()
    {
        Assert.Throws<FormatException>(() => TimeIntervalSyntax.ParseLocation("Mars/Olympus_Mons"));
        Assert.Same(TimeZoneInfo.Utc, TimeIntervalSyntax.ParseLocation("UTC"));
    }

    [Fact]
    public void A_named_interval_contains_an_instant_when_any_specification_does()
    {
        var named = new NamedTimeInterval("off-hours", [
            new TimeInterval(times: [TimeIntervalSyntax.ParseTimeRange("00:00", "09:00")]),
            new TimeInterval(weekdays: [TimeIntervalSyntax.ParseWeekdayRange("saturday"), TimeIntervalSyntax.ParseWeekdayRange("sunday")]),
        ]);
        Assert.True(named.Contains(new DateTimeOffset(2024, 6, 3, 8, 0, 0, TimeSpan.Zero)));
        Assert.True(named.Contains(new DateTimeOffset(2024, 6, 8, 12, 0, 0, TimeSpan.Zero)));
        Assert.False(named.Contains(new DateTimeOffset(2024, 6, 3, 12, 0, 0, TimeSpan.Zero)));
        Assert.True(new TimeInterval().Contains(DateTimeOffset.UnixEpoch));
    }
}
