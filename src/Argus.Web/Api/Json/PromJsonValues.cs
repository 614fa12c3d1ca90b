using System.Globalization;
using Argus.Model.Formatting;

namespace Argus.Web.Api.Json;

/// <summary>
/// How Prometheus' HTTP API writes sample timestamps and values: timestamps as seconds with up to
/// three decimals (<c>1435781451.781</c>, <c>12</c>), values as strings in Go's shortest fixed
/// notation, switching to exponent notation below 1e-6 and from 1e21 (<c>"1000000"</c>,
/// <c>"1e-07"</c>, <c>"NaN"</c>, <c>"+Inf"</c>).
/// </summary>
public static class PromJsonValues
{
    public static void WriteTimestamp(GoJsonWriter writer, long timestampMs) => writer.RawValue(FormatTimestamp(timestampMs));

    public static void WriteValue(GoJsonWriter writer, double value) => writer.String(FormatValue(value));

    public static string FormatTimestamp(long timestampMs)
    {
        var negative = timestampMs < 0;
        var abs = negative ? -(decimal)timestampMs : timestampMs;
        var seconds = decimal.Truncate(abs / 1000m);
        var fraction = (int)(abs - (seconds * 1000m));
        var text = seconds.ToString(CultureInfo.InvariantCulture);
        if (fraction != 0)
        {
            // Go writes the milliseconds zero-padded to three digits without trimming trailing zeros.
            text += "." + fraction.ToString("000", CultureInfo.InvariantCulture);
        }
        return negative ? "-" + text : text;
    }

    public static string FormatValue(double value)
    {
        var abs = Math.Abs(value);
        if (abs != 0 && double.IsFinite(abs) && (abs < 1e-6 || abs >= 1e21))
        {
            return GoFloat.FormatE(value);
        }
        return GoFloat.FormatF(value);
    }
}
