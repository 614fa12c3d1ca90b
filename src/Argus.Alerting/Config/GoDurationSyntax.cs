using System.Globalization;

namespace Argus.Alerting.Config;

/// <summary>Go's <c>time.ParseDuration</c> syntax (<c>300ms</c>, <c>1.5h</c>, <c>2h45m</c>, <c>-1m</c>),
/// which some Alertmanager fields use instead of Prometheus durations.</summary>
public static class GoDurationSyntax
{
    public static bool TryParse(string text, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        error = null;
        var s = text.AsSpan();
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s is "0")
        {
            return true;
        }
        if (s.IsEmpty)
        {
            error = $"time: invalid duration \"{text}\"";
            return false;
        }
        double totalTicks = 0;
        while (!s.IsEmpty)
        {
            var i = 0;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }
            if (i == 0 || !double.TryParse(s[..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = $"time: invalid duration \"{text}\"";
                return false;
            }
            s = s[i..];
            var j = 0;
            while (j < s.Length && !char.IsAsciiDigit(s[j]) && s[j] != '.')
            {
                j++;
            }
            double unitTicks = s[..j] switch
            {
                "ns" => 0.01,
                "us" or "µs" or "μs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => -1,
            };
            if (unitTicks < 0)
            {
                error = j == 0 ? $"time: missing unit in duration \"{text}\"" : $"time: unknown unit \"{s[..j]}\" in duration \"{text}\"";
                return false;
            }
            totalTicks += number * unitTicks;
            s = s[j..];
        }
        if (totalTicks > long.MaxValue)
        {
            error = $"time: invalid duration \"{text}\"";
            return false;
        }
        value = TimeSpan.FromTicks((long)(negative ? -totalTicks : totalTicks));
        return true;
    }
}
