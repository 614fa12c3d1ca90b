using System.Globalization;

namespace Argus.Web.Api.Json;

/// <summary>Go's <c>time.Time</c> JSON form (RFC 3339 with nanoseconds, trailing zeros trimmed) in UTC.</summary>
public static class GoTimeText
{
    /// <summary>Go's zero time, which Prometheus prints for "never" (e.g. a target not yet scraped).</summary>
    public const string Zero = "0001-01-01T00:00:00Z";

    public static string Rfc3339Nano(DateTimeOffset? time)
    {
        if (time is not { } value)
        {
            return Zero;
        }
        var utc = value.UtcDateTime;
        var text = utc.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = (utc.Ticks % TimeSpan.TicksPerSecond).ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        return fraction.Length == 0 ? text + "Z" : text + "." + fraction + "Z";
    }
}
