using Argus.Templates.Formatting;

namespace Argus.Templates.Execution;

/// <summary>
/// The Go methods of <c>time.Time</c> and <c>time.Duration</c> that templates call, such as
/// <c>.StartsAt.Format "2006-01-02"</c> or <c>.StartsAt.Unix</c>, applied to DateTime/DateTimeOffset and TimeSpan.
/// </summary>
internal static class GoTimeMethods
{
    /// <summary>Invokes the method; returns false when the type has no such Go method.</summary>
    public static bool TryInvoke(object receiver, string name, object?[] args, out object? result)
    {
        result = null;
        if (receiver is TimeSpan d)
        {
            result = name switch
            {
                "String" => GoTime.FormatDuration(d),
                "Seconds" => d.Ticks / (double)TimeSpan.TicksPerSecond,
                "Minutes" => d.Ticks / (double)TimeSpan.TicksPerMinute,
                "Hours" => d.Ticks / (double)TimeSpan.TicksPerHour,
                "Milliseconds" => d.Ticks / TimeSpan.TicksPerMillisecond,
                "Nanoseconds" => d.Ticks * 100,
                _ => NoValue.Instance,
            };
            return Finish(ref result, args, 0);
        }
        if (receiver is not (DateTime or DateTimeOffset))
        {
            return false;
        }
        var t = GoTime.ToDateTimeOffset(receiver);
        if (name == "Format")
        {
            if (args.Length != 1)
            {
                throw new InvalidOperationException($"wrong number of args for Format: want 1 got {args.Length}");
            }
            result = GoTime.Format(t, TemplateArgs.String(args, 0));
            return true;
        }
        var unixTicks = t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        result = name switch
        {
            "String" => GoTime.FormatTime(t),
            "Unix" => FloorDiv(unixTicks, TimeSpan.TicksPerSecond),
            "UnixMilli" => FloorDiv(unixTicks, TimeSpan.TicksPerMillisecond),
            "UnixNano" => unixTicks * 100,
            "UTC" => t.ToUniversalTime(),
            "Local" => t,
            "IsZero" => t.UtcTicks == DateTimeOffset.MinValue.UtcTicks,
            "Year" => (long)t.Year,
            "YearDay" => (long)t.DayOfYear,
            "Day" => (long)t.Day,
            "Hour" => (long)t.Hour,
            "Minute" => (long)t.Minute,
            "Second" => (long)t.Second,
            "Nanosecond" => t.Ticks % TimeSpan.TicksPerSecond * 100,
            "Month" => t.ToString("MMMM", System.Globalization.CultureInfo.InvariantCulture),
            "Weekday" => t.DayOfWeek.ToString(),
            _ => NoValue.Instance,
        };
        return Finish(ref result, args, 0);
    }

    private static bool Finish(ref object? result, object?[] args, int wanted)
    {
        if (result is NoValue)
        {
            return false;
        }
        if (args.Length != wanted)
        {
            throw new InvalidOperationException($"wrong number of args: want {wanted} got {args.Length}");
        }
        return true;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
