using System.Globalization;
using System.Text;

namespace Argus.Scrape.Parsing;

/// <summary>
/// The HTTP side of choosing an exposition format: the <c>Accept</c> header a scrape sends and the
/// parser picked from the response's <c>Content-Type</c>, with Prometheus 3's fallback rules (a blank,
/// unparsable or unsupported Content-Type fails the scrape unless <c>fallback_scrape_protocol</c> is set).
/// </summary>
public static class ScrapeContentNegotiation
{
    /// <summary>Prometheus 3's default <c>scrape_protocols</c> order, minus protobuf which it does not send by default either.</summary>
    public static readonly IReadOnlyList<ScrapeProtocol> DefaultProtocols =
    [
        ScrapeProtocol.OpenMetricsText1_0_0,
        ScrapeProtocol.OpenMetricsText0_0_1,
        ScrapeProtocol.PrometheusText1_0_0,
        ScrapeProtocol.PrometheusText0_0_4,
    ];

    /// <summary>The Accept header Prometheus 3 sends with the default protocols.</summary>
    public static readonly string DefaultAcceptHeader = AcceptHeader(DefaultProtocols);

    /// <summary>The config spelling of a protocol (<c>PrometheusText0.0.4</c>, ...).</summary>
    public static string ConfigName(ScrapeProtocol protocol) => protocol switch
    {
        ScrapeProtocol.PrometheusProto => "PrometheusProto",
        ScrapeProtocol.PrometheusText0_0_4 => "PrometheusText0.0.4",
        ScrapeProtocol.PrometheusText1_0_0 => "PrometheusText1.0.0",
        ScrapeProtocol.OpenMetricsText0_0_1 => "OpenMetricsText0.0.1",
        _ => "OpenMetricsText1.0.0",
    };

    /// <summary>Parses a config spelling; returns false for an unknown name.</summary>
    public static bool TryParseConfigName(string name, out ScrapeProtocol protocol)
    {
        foreach (var candidate in Enum.GetValues<ScrapeProtocol>())
        {
            if (ConfigName(candidate) == name)
            {
                protocol = candidate;
                return true;
            }
        }
        protocol = default;
        return false;
    }

    /// <summary>The media type and parameters a protocol is requested with.</summary>
    public static string HeaderValue(ScrapeProtocol protocol) => protocol switch
    {
        ScrapeProtocol.PrometheusProto => "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited",
        ScrapeProtocol.PrometheusText0_0_4 => "text/plain;version=0.0.4",
        ScrapeProtocol.PrometheusText1_0_0 => "text/plain;version=1.0.0;escaping=allow-utf-8",
        ScrapeProtocol.OpenMetricsText0_0_1 => "application/openmetrics-text;version=0.0.1",
        _ => "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8",
    };

    /// <summary>The bare media type of a protocol, as used for fallback.</summary>
    public static string MediaType(ScrapeProtocol protocol) => protocol switch
    {
        ScrapeProtocol.PrometheusProto => "application/vnd.google.protobuf",
        ScrapeProtocol.PrometheusText0_0_4 or ScrapeProtocol.PrometheusText1_0_0 => "text/plain",
        _ => "application/openmetrics-text",
    };

    /// <summary>
    /// Builds the Accept header as Prometheus does: the protocols in preference order with falling
    /// q-values (0.N for the first of N protocols... down to 0.2), then <c>*/*</c> with the lowest weight.
    /// </summary>
    public static string AcceptHeader(IReadOnlyList<ScrapeProtocol> protocols)
    {
        var sb = new StringBuilder();
        var weight = protocols.Count + 1;
        foreach (var protocol in protocols)
        {
            sb.Append(HeaderValue(protocol)).Append(";q=0.").Append(weight.ToString(CultureInfo.InvariantCulture)).Append(',');
            weight--;
        }
        sb.Append("*/*;q=0.").Append(weight.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>
    /// Picks the parser for a response. Returns the format and, when the fallback protocol was used, a
    /// warning to log; throws <see cref="ScrapeFormatSelectionException"/> when no format can be chosen.
    /// </summary>
    public static (ExpositionFormat Format, string? Warning) SelectFormat(string? contentType, ScrapeProtocol? fallback)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            if (fallback is not { } fb)
            {
                throw new ScrapeFormatSelectionException(
                    "non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target");
            }
            return (FormatOf(fb), $"non-compliant scrape target sending blank Content-Type, using fallback_scrape_protocol \"{MediaType(fb)}\"");
        }
        var parseError = TryParseMediaType(contentType, out var mediaType);
        if (parseError is not null)
        {
            if (fallback is not { } fb)
            {
                throw new ScrapeFormatSelectionException(
                    $"cannot parse Content-Type \"{contentType}\" and no fallback_scrape_protocol for target: {parseError}");
            }
            return (FormatOf(fb), $"could not parse received Content-Type \"{contentType}\", using fallback_scrape_protocol \"{MediaType(fb)}\": {parseError}");
        }
        switch (mediaType)
        {
            case "text/plain":
                return (ExpositionFormat.PrometheusText, null);
            case "application/openmetrics-text":
                return (ExpositionFormat.OpenMetrics, null);
        }
        if (fallback is not { } fallbackProtocol)
        {
            throw new ScrapeFormatSelectionException(
                $"received unsupported Content-Type \"{contentType}\" and no fallback_scrape_protocol specified for target");
        }
        return (FormatOf(fallbackProtocol),
            $"received unsupported Content-Type \"{contentType}\", using fallback_scrape_protocol \"{MediaType(fallbackProtocol)}\"");
    }

    private static ExpositionFormat FormatOf(ScrapeProtocol protocol) => protocol switch
    {
        ScrapeProtocol.OpenMetricsText0_0_1 or ScrapeProtocol.OpenMetricsText1_0_0 => ExpositionFormat.OpenMetrics,
        ScrapeProtocol.PrometheusProto => throw new ScrapeFormatSelectionException(
            "fallback_scrape_protocol PrometheusProto is not supported by Argus; use a text protocol"),
        _ => ExpositionFormat.PrometheusText,
    };

    /// <summary>RFC 2045 media type syntax as Go's mime.ParseMediaType checks it; returns an error text or null.</summary>
    private static string? TryParseMediaType(string value, out string mediaType)
    {
        mediaType = string.Empty;
        var parts = value.Split(';');
        var type = parts[0].Trim();
        var slash = type.IndexOf('/', StringComparison.Ordinal);
        if (type.Length == 0 || slash == 0)
        {
            return "mime: no media type";
        }
        if (slash > 0)
        {
            var major = type[..slash];
            var minor = type[(slash + 1)..];
            if (!IsToken(major))
            {
                return "mime: expected token after slash";
            }
            if (minor.Length == 0)
            {
                return "mime: expected token after slash";
            }
            if (minor.Contains('/', StringComparison.Ordinal) || !IsToken(minor))
            {
                return "mime: unexpected content after media subtype";
            }
        }
        else if (!IsToken(type))
        {
            return "mime: expected token";
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < parts.Length; i++)
        {
            var parameter = parts[i].Trim();
            if (parameter.Length == 0)
            {
                continue;
            }
            var eq = parameter.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !IsToken(parameter[..eq].Trim()))
            {
                return "mime: invalid media parameter";
            }
            if (!names.Add(parameter[..eq].Trim()))
            {
                return "mime: duplicate parameter name";
            }
        }
        mediaType = type.ToLowerInvariant();
        return null;
    }

    private static bool IsToken(string s)
    {
        if (s.Length == 0)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?=".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
