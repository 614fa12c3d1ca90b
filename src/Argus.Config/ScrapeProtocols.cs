namespace Argus.Config;

/// <summary>The exposition formats a scrape may negotiate, by their configuration names, and the
/// default preference orders.</summary>
public static class ScrapeProtocols
{
    public const string PrometheusProto = "PrometheusProto";
    public const string PrometheusText004 = "PrometheusText0.0.4";
    public const string PrometheusText100 = "PrometheusText1.0.0";
    public const string OpenMetricsText001 = "OpenMetricsText0.0.1";
    public const string OpenMetricsText100 = "OpenMetricsText1.0.0";

    /// <summary>Protocol name → the media type sent in the Accept header.</summary>
    public static readonly IReadOnlyDictionary<string, string> MediaTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [PrometheusProto] = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited",
        [PrometheusText004] = "text/plain;version=0.0.4",
        [PrometheusText100] = "text/plain;version=1.0.0",
        [OpenMetricsText001] = "application/openmetrics-text;version=0.0.1",
        [OpenMetricsText100] = "application/openmetrics-text;version=1.0.0",
    };

    /// <summary>The default order.</summary>
    public static readonly IReadOnlyList<string> Default = [OpenMetricsText100, OpenMetricsText001, PrometheusText100, PrometheusText004];

    /// <summary>The default order when native histograms are scraped (protobuf first).</summary>
    public static readonly IReadOnlyList<string> ProtoFirst = [PrometheusProto, OpenMetricsText100, OpenMetricsText001, PrometheusText100, PrometheusText004];

    /// <summary>Null when <paramref name="protocol"/> is known, else the error.</summary>
    public static string? Validate(string protocol) =>
        MediaTypes.ContainsKey(protocol)
            ? null
            : $"unknown scrape protocol {protocol}, supported: [{string.Join(' ', MediaTypes.Keys.Order(StringComparer.Ordinal))}]";

    /// <summary>Null when the list is a valid scrape_protocols value, else the error.</summary>
    public static string? ValidateList(IReadOnlyList<string> protocols)
    {
        if (protocols.Count == 0)
        {
            return "scrape_protocols cannot be empty";
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var protocol in protocols)
        {
            if (!seen.Add(protocol))
            {
                return $"duplicated protocol in scrape_protocols, got [{string.Join(' ', protocols)}]";
            }
            if (Validate(protocol) is { } error)
            {
                return "scrape_protocols: " + error;
            }
        }
        return null;
    }
}
