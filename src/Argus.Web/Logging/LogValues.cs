using System.Globalization;

namespace Argus.Web.Logging;

/// <summary>How field values, timestamps and errors are rendered as text in both formats.</summary>
internal static class LogValues
{
    /// <summary>RFC 3339 UTC with milliseconds, e.g. <c>2024-05-01T10:00:00.123Z</c>.</summary>
    public static string Timestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string ToText(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset d => Timestamp(d),
        DateTime d => Timestamp(new DateTimeOffset(d.ToUniversalTime())),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        Exception e => ErrorText(e),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>The error chain as one line, outermost first: <c>outer: inner</c>.</summary>
    public static string ErrorText(Exception exception)
    {
        var text = exception.Message;
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!text.Contains(inner.Message, StringComparison.Ordinal))
            {
                text += ": " + inner.Message;
            }
        }
        return text;
    }
}
