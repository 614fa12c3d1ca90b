using Argus.Templates.Formatting;

namespace Argus.Templates.Functions;

/// <summary>
/// The <c>humanize*</c> helpers shared by Prometheus and Alertmanager templates, with the exact output
/// of Prometheus' implementation (<c>%.4g</c> with SI or binary prefixes).
/// </summary>
public static class Humanize
{
    private static readonly string[] BigPrefixes = ["k", "M", "G", "T", "P", "E", "Z", "Y"];
    private static readonly string[] SmallPrefixes = ["m", "u", "n", "p", "f", "a", "z", "y"];
    private static readonly string[] BinaryPrefixes = ["ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"];

    private static string G4(double v) => GoFloatFormatter.Format(v, 'g', 4);

    /// <summary><c>humanize 1234567</c> → <c>1.235M</c>; <c>humanize 0.0012</c> → <c>1.2m</c>.</summary>
    public static string Number(double v)
    {
        if (v == 0 || double.IsNaN(v) || double.IsInfinity(v))
        {
            return G4(v);
        }
        var prefix = string.Empty;
        if (Math.Abs(v) >= 1)
        {
            foreach (var p in BigPrefixes)
            {
                if (Math.Abs(v) < 1000)
                {
                    break;
                }
                prefix = p;
                v /= 1000;
            }
            return G4(v) + prefix;
        }
        foreach (var p in SmallPrefixes)
        {
            if (Math.Abs(v) >= 1)
            {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return G4(v) + prefix;
    }

    /// <summary><c>humanize1024 1048576</c> → <c>1Mi</c>.</summary>
    public static string Binary(double v)
    {
        if (Math.Abs(v) <= 1 || double.IsNaN(v) || double.IsInfinity(v))
        {
            return G4(v);
        }
        var prefix = string.Empty;
        foreach (var p in BinaryPrefixes)
        {
            if (Math.Abs(v) < 1024)
            {
                break;
            }
            prefix = p;
            v /= 1024;
        }
        return G4(v) + prefix;
    }

    /// <summary><c>humanizeDuration 3661</c> → <c>1h 1m 1s</c>; below one second SI prefixes (<c>1.5ms</c>).</summary>
    public static string Duration(double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            return G4(v);
        }
        if (v == 0)
        {
            return G4(v) + "s";
        }
        if (Math.Abs(v) >= 1)
        {
            var sign = string.Empty;
            if (v < 0)
            {
                sign = "-";
                v = -v;
            }
            var duration = (long)v;
            var seconds = duration % 60;
            var minutes = duration / 60 % 60;
            var hours = duration / 60 / 60 % 24;
            var days = duration / 60 / 60 / 24;
            if (days != 0)
            {
                return $"{sign}{days}d {hours}h {minutes}m {seconds}s";
            }
            if (hours != 0)
            {
                return $"{sign}{hours}h {minutes}m {seconds}s";
            }
            if (minutes != 0)
            {
                return $"{sign}{minutes}m {seconds}s";
            }
            return sign + G4(v) + "s";
        }
        var prefix = string.Empty;
        foreach (var p in SmallPrefixes)
        {
            if (Math.Abs(v) >= 1)
            {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return G4(v) + prefix + "s";
    }

    /// <summary><c>humanizePercentage 0.1234</c> → <c>12.34%</c>.</summary>
    public static string Percentage(double v) => G4(v * 100) + "%";

    /// <summary>
    /// <c>humanizeTimestamp</c>: Unix seconds as Go's UTC time string, at millisecond precision like
    /// Prometheus' <c>model.Time</c>; NaN and infinities print as numbers.
    /// </summary>
    public static string Timestamp(double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            return G4(v);
        }
        return GoTime.FormatTime(TimeFromSeconds(v));
    }

    /// <summary>Unix seconds to a UTC time truncated to milliseconds, as Prometheus' <c>floatToTime</c> does.</summary>
    public static DateTimeOffset TimeFromSeconds(double v)
    {
        var nanos = v * 1e9;
        if (double.IsNaN(v) || double.IsInfinity(v) || nanos > long.MaxValue || nanos < long.MinValue)
        {
            throw new InvalidOperationException($"{GoFloatFormatter.FormatV(v)} cannot be represented as a nanoseconds timestamp since it overflows int64");
        }
        var millis = (long)nanos / 1_000_000;
        return DateTimeOffset.UnixEpoch.AddMilliseconds(millis);
    }
}
