using Argus.Scrape.Parsing;

namespace Argus.Scrape.Tests.Parsing;

public sealed class ScrapeContentNegotiationTests
{
    [Fact]
    public void Default_accept_header_is_the_one_prometheus_3_sends()
    {
        Assert.Equal(
            "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4," +
            "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;q=0.2,*/*;q=0.1",
            ScrapeContentNegotiation.DefaultAcceptHeader);
    }

    [Theory]
    [InlineData("text/plain; version=0.0.4; charset=utf-8", ExpositionFormat.PrometheusText)]
    [InlineData("text/plain", ExpositionFormat.PrometheusText)]
    [InlineData("application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionFormat.OpenMetrics)]
    [InlineData("Application/OpenMetrics-Text", ExpositionFormat.OpenMetrics)]
    public void Picks_the_parser_from_the_content_type(string contentType, ExpositionFormat expected)
    {
        var (format, warning) = ScrapeContentNegotiation.SelectFormat(contentType, null);
        Assert.Equal(expected, format);
        Assert.Null(warning);
    }

    [Theory]
    [InlineData("", "non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target")]
    [InlineData("invalid/", "expected token after slash")]
    [InlineData("invalid/invalid/invalid", "unexpected content after media subtype")]
    [InlineData("/", "no media type")]
    [InlineData("application/openmetrics-text; charset=UTF-8; charset=utf-8", "duplicate parameter name")]
    [InlineData("text/html", "received unsupported Content-Type \"text/html\" and no fallback_scrape_protocol specified for target")]
    public void Without_fallback_bad_content_types_fail_the_scrape(string contentType, string message)
    {
        var error = Assert.Throws<ScrapeFormatSelectionException>(() => ScrapeContentNegotiation.SelectFormat(contentType, null));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", ScrapeProtocol.PrometheusText0_0_4, ExpositionFormat.PrometheusText)]
    [InlineData("text/html", ScrapeProtocol.OpenMetricsText1_0_0, ExpositionFormat.OpenMetrics)]
    [InlineData("invalid/", ScrapeProtocol.PrometheusText1_0_0, ExpositionFormat.PrometheusText)]
    public void With_fallback_bad_content_types_use_it_and_warn(string contentType, ScrapeProtocol fallback, ExpositionFormat expected)
    {
        var (format, warning) = ScrapeContentNegotiation.SelectFormat(contentType, fallback);
        Assert.Equal(expected, format);
        Assert.Contains("using fallback_scrape_protocol", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_names_round_trip()
    {
        foreach (var protocol in Enum.GetValues<ScrapeProtocol>())
        {
            Assert.True(ScrapeContentNegotiation.TryParseConfigName(ScrapeContentNegotiation.ConfigName(protocol), out var parsed));
            Assert.Equal(protocol, parsed);
        }
        Assert.False(ScrapeContentNegotiation.TryParseConfigName("PrometheusText9", out _));
    }
}
