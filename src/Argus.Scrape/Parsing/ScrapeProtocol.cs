namespace Argus.Scrape.Parsing;

/// <summary>The exposition protocols a scrape may ask for (<c>scrape_protocols</c>,
/// <c>fallback_scrape_protocol</c>). Argus parses the four text protocols; protobuf is recognised so a
/// configuration naming it can be refused clearly.</summary>
public enum ScrapeProtocol : byte
{
    PrometheusProto,
    PrometheusText0_0_4,
    PrometheusText1_0_0,
    OpenMetricsText0_0_1,
    OpenMetricsText1_0_0,
}
