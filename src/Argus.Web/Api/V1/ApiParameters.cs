using System.Globalization;
using Argus.Model.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Argus.Web.Api.V1;

/// <summary>
/// Reads API parameters from the query string and, for form POSTs, the body — the two ways every
/// Prometheus client sends them — and parses times and durations with Prometheus' rules and messages.
/// </summary>
public sealed class ApiParameters
{
    /// <summary>The earliest and latest representable times, used when a client omits start/end.</summary>
    public const long MinTimeMs = -9223372036854775L + 1;
    public const long MaxTimeMs = 9223372036854775L - 1;

    private readonly IQueryCollection _query;
    private readonly IFormCollection? _form;

    private ApiParameters(HttpRequest request, IFormCollection? form, CancellationToken aborted)
    {
        _query = request.Query;
        _form = form;
        Aborted = aborted;
        Method = request.Method;
        Path = request.Path.Value ?? string.Empty;
        ClientIp = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? string.Empty;
    }

    /// <summary>The request's method, path and client address, for the query log.</summary>
    public string Method { get; }

    public string Path { get; }

    public string ClientIp { get; }

    /// <summary>Cancelled when the client disconnects; long work (query evaluation) must observe it.</summary>
    public CancellationToken Aborted { get; }

    public static async Task<ApiParameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        IFormCollection? form = null;
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        return new ApiParameters(request, form, cancellationToken);
    }

    /// <summary>The first value of <paramref name="name"/>, form values taking precedence as in Go's FormValue.</summary>
    public string? Get(string name)
    {
        if (_form is not null && _form.TryGetValue(name, out var formValue) && formValue.Count > 0)
        {
            return formValue[0];
        }
        return _query.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;
    }

    /// <summary>Every value of <paramref name="name"/> (e.g. <c>match[]</c>) from the form and the query string.</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        var values = new List<string>();
        if (_form is not null && _form.TryGetValue(name, out var formValues))
        {
            Add(values, formValues);
        }
        if (_query.TryGetValue(name, out var queryValues))
        {
            Add(values, queryValues);
        }
        return values;
    }

    private static void Add(List<string> into, StringValues values)
    {
        foreach (var v in values)
        {
            if (v is not null)
            {
                into.Add(v);
            }
        }
    }

    /// <summary>A time parameter, or <paramref name="defaultMs"/> when absent.</summary>
    public long GetTime(string name, long defaultMs)
    {
        var text = Get(name);
        if (string.IsNullOrEmpty(text))
        {
            return defaultMs;
        }
        if (!TryParseTime(text, out var ms))
        {
            throw new ApiError(ApiErrorKind.BadData, $"invalid parameter \"{name}\": cannot parse \"{text}\" to a valid timestamp");
        }
        return ms;
    }

    /// <summary>A required duration parameter (float seconds or Prometheus duration syntax).</summary>
    public long GetDuration(string name)
    {
        var text = Get(name);
        if (string.IsNullOrEmpty(text) || !TryParseDuration(text, out var ms))
        {
            throw new ApiError(ApiErrorKind.BadData, $"invalid parameter \"{name}\": cannot parse \"{text}\" to a valid duration");
        }
        return ms;
    }

    /// <summary>An optional non-negative integer limit; 0 means no limit.</summary>
    public int GetLimit()
    {
        var text = Get("limit");
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit) || limit < 0)
        {
            throw new ApiError(ApiErrorKind.BadData, "limit must be non-negative");
        }
        return limit;
    }

    /// <summary>
    /// An optional signed integer read as Go's <c>strconv.Atoi</c> reads it (the metadata endpoints' limits, where a
    /// negative value means no limit); <paramref name="error"/> is Prometheus' message when it is not a number.
    /// </summary>
    public long GetInteger(string name, long defaultValue, string error)
    {
        var text = Get(name);
        if (string.IsNullOrEmpty(text))
        {
            return defaultValue;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new ApiError(ApiErrorKind.BadData, error);
        }
        return value;
    }

    /// <summary>Unix seconds (with fraction) or RFC 3339, as Prometheus accepts.</summary>
    public static bool TryParseTime(string text, out long milliseconds)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            var whole = Math.Truncate(seconds);
            var fraction = Math.Round((seconds - whole) * 1000) / 1000;
            var ms = (whole * 1000) + Math.Round(fraction * 1000);
            if (ms is < long.MinValue or > long.MaxValue)
            {
                milliseconds = 0;
                return false;
            }
            milliseconds = (long)ms;
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) && text.Contains('T', StringComparison.Ordinal))
        {
            milliseconds = time.ToUnixTimeMilliseconds();
            return true;
        }
        milliseconds = 0;
        return false;
    }

    public static bool TryParseDuration(string text, out long milliseconds)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            var ms = seconds * 1000;
            if (!double.IsFinite(ms) || ms > long.MaxValue || ms < long.MinValue)
            {
                milliseconds = 0;
                return false;
            }
            milliseconds = (long)Math.Round(ms);
            return true;
        }
        return PromDuration.TryParseMilliseconds(text, out milliseconds, out _);
    }
}
