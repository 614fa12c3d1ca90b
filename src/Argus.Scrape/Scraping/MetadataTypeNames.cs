using Argus.Scrape.Parsing;

namespace Argus.Scrape.Scraping;

/// <summary>The names Prometheus' metadata APIs give the family types; the same string instances every time,
/// so the metadata cache detects an unchanged type by reference.</summary>
internal static class MetadataTypeNames
{
    public const string Unknown = "unknown";

    public static string Name(ParsedMetricType type) => type switch
    {
        ParsedMetricType.Counter => "counter",
        ParsedMetricType.Gauge => "gauge",
        ParsedMetricType.Histogram => "histogram",
        ParsedMetricType.GaugeHistogram => "gaugehistogram",
        ParsedMetricType.Summary => "summary",
        ParsedMetricType.Info => "info",
        ParsedMetricType.StateSet => "stateset",
        _ => Unknown,
    };
}
