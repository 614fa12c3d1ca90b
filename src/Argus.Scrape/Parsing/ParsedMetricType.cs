namespace Argus.Scrape.Parsing;

/// <summary>Metric family types of both formats (the text format uses the first five).</summary>
public enum ParsedMetricType : byte
{
    Unknown,
    Counter,
    Gauge,
    Histogram,
    Summary,
    GaugeHistogram,
    Info,
    StateSet,
}
