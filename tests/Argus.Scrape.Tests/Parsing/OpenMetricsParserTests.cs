using Argus.Model.Labels;
using Argus.Scrape.Parsing;

namespace Argus.Scrape.Tests.Parsing;

public sealed class OpenMetricsParserTests
{
    private const ExpositionFormat Om = ExpositionFormat.OpenMetrics;

    [Fact]
    public void Parses_families_units_created_exemplars_and_float_second_timestamps()
    {
        const string body = """
            # TYPE acme_http_router_request_seconds summary
            # UNIT acme_http_router_request_seconds seconds
            # HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.
            acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32
            acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0
            acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0
            # TYPE foo counter
            foo_total 17.0 1520879607.789 # {trace_id="KOO5S4vxi0o"} 0.67
            foo_created 1520430000.123
            # TYPE hist histogram
            hist_bucket{le="0.5"} 3 # {trace_id="a"} 0.4 1520879607.5
            hist_bucket{le="+Inf"} 5
            # EOF
            """;
        var samples = ParseHelper.Samples(body, Om);
        Assert.Equal(7, samples.Count);
        Assert.Equal("acme_http_router_request_seconds_created", samples[2].Labels.MetricName);
        Assert.Equal(1605281325.0, samples[2].Value);
        Assert.Equal(1520879607789, samples[3].TimestampMs);
        Assert.Equal(LabelSet.FromPairs("trace_id", "KOO5S4vxi0o"), samples[3].Exemplar);
        Assert.Equal(0.67, samples[3].ExemplarValue);
        Assert.Equal("foo_created", samples[4].Labels.MetricName);
        Assert.Equal(LabelSet.FromPairs("trace_id", "a"), samples[5].Exemplar);
        Assert.Null(samples[6].Exemplar);

        var meta = ParseHelper.Metadata(body, Om);
        Assert.Contains("UNIT acme_http_router_request_seconds seconds", meta);
        Assert.Contains("TYPE hist Histogram", meta);
    }

    [Fact]
    public void Accepts_all_openmetrics_types()
    {
        var meta = ParseHelper.Metadata("# TYPE a gaugehistogram\n# TYPE b info\n# TYPE c stateset\n# TYPE d unknown\n# EOF\n", Om);
        Assert.Equal(["TYPE a GaugeHistogram", "TYPE b Info", "TYPE c StateSet", "TYPE d Unknown"], meta);
    }

    [Theory]
    [InlineData("m 1\n", 1, "data does not end with # EOF")]
    [InlineData("m 1\n# EOF\nm 2\n", 3, "unexpected data after # EOF")]
    [InlineData("m 1\n\n# EOF\n", 2, "empty line")]
    [InlineData("# random comment\n# EOF\n", 1, "OpenMetrics allows only")]
    [InlineData("# TYPE a counter\n# TYPE b gauge\n# TYPE a counter\n# EOF\n", 3, "duplicate metric family \"a\"")]
    [InlineData("# TYPE a counter\n# TYPE a counter\n# EOF\n", 2, "second TYPE line")]
    [InlineData("# UNIT a_bytes seconds\n# EOF\n", 1, "is not a suffix of metric")]
    [InlineData("# TYPE a untyped\n# EOF\n", 1, "invalid metric type \"untyped\"")]
    [InlineData("m  1\n# EOF\n", 1, "single space")]
    [InlineData("m 1 NaN\n# EOF\n", 1, "invalid timestamp")]
    [InlineData("m 1 # {a=\"b\"}\n# EOF\n", 1, "single space and exemplar value")]
    [InlineData("m 1 # a\n# EOF\n", 1, "expected exemplar")]
    [InlineData("m{a = \"b\"} 1\n# EOF\n", 1, "expected '=' after label name")]
    public void Enforces_the_stricter_openmetrics_rules(string body, int line, string cause)
    {
        var error = ParseHelper.Error(body, Om);
        Assert.Equal(line, error.Line);
        Assert.Contains(cause, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Eof_without_trailing_newline_is_accepted()
    {
        Assert.Single(ParseHelper.Samples("m 1\n# EOF", Om));
    }

    [Fact]
    public void Reusing_the_family_set_between_bodies_does_not_leak_families()
    {
        var families = new HashSet<ulong>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var parser = new ExpositionParser("# TYPE a counter\na_total 1\n# EOF\n"u8, Om, families);
            while (parser.Next() != ExpositionEntry.End)
            {
            }
        }
        Assert.Single(families);
    }
}
