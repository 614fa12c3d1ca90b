using Argus.Model;
using Argus.Model.Labels;
using Argus.Scrape.Parsing;

namespace Argus.Scrape.Tests.Parsing;

public sealed class TextFormatParserTests
{
    private const ExpositionFormat Text = ExpositionFormat.PrometheusText;

    [Fact]
    public void Parses_samples_with_labels_values_and_timestamps()
    {
        const string body = """
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000

            # A normal comment
            metric_without_timestamp_and_labels 12.47
            something_weird{problem="division by zero"} +Inf -3982045
            msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9
            """;
        var samples = ParseHelper.Samples(body, Text);
        Assert.Equal(5, samples.Count);
        Assert.Equal(LabelSet.FromPairs("__name__", "http_requests_total", "method", "post", "code", "200"), samples[0].Labels);
        Assert.Equal(1027, samples[0].Value);
        Assert.Equal(1395066363000, samples[0].TimestampMs);
        Assert.Equal(3, samples[1].Value);
        Assert.Null(samples[2].TimestampMs);
        Assert.Equal(12.47, samples[2].Value);
        Assert.True(double.IsPositiveInfinity(samples[3].Value));
        Assert.Equal(-3982045, samples[3].TimestampMs);
        Assert.Equal("C:\\DIR\\FILE.TXT", samples[4].Labels.Get("path"));
        Assert.Equal("Cannot find file:\n\"FILE.TXT\"", samples[4].Labels.Get("error"));
        Assert.Equal(1.458255915e9, samples[4].Value);
    }

    [Theory]
    [InlineData("NaN", double.NaN)]
    [InlineData("nan", double.NaN)]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("Inf", double.PositiveInfinity)]
    [InlineData("-1e-3", -0.001)]
    [InlineData("0", 0.0)]
    [InlineData("1234567890123", 1234567890123.0)]
    public void Parses_special_and_ordinary_values(string text, double expected)
    {
        var sample = Assert.Single(ParseHelper.Samples($"m {text}\n", Text));
        Assert.Equal(expected, sample.Value);
    }

    [Fact]
    public void Reads_help_and_type_metadata_with_escapes()
    {
        var meta = ParseHelper.Metadata("# HELP a line\\nbreak \\\\ here\n# TYPE a gauge\n# TYPE b untyped\n# TYPE c summary\n", Text);
        Assert.Equal(["HELP a line\nbreak \\ here", "TYPE a Gauge", "TYPE b Unknown", "TYPE c Summary"], meta);
    }

    [Fact]
    public void Accepts_quoted_utf8_metric_and_label_names()
    {
        var sample = Assert.Single(ParseHelper.Samples("{\"my.metric\", \"label.with.dots\"=\"v\", b=\"x\"} 2\n", Text));
        Assert.Equal("my.metric", sample.Labels.MetricName);
        Assert.Equal("v", sample.Labels.Get("label.with.dots"));
        Assert.Equal("x", sample.Labels.Get("b"));
    }

    [Fact]
    public void Accepts_trailing_comma_and_empty_label_block_and_drops_empty_values()
    {
        var samples = ParseHelper.Samples("a{x=\"1\",} 1\nb{} 2\nc{y=\"\"} 3\n", Text);
        Assert.Equal(LabelSet.FromPairs("__name__", "a", "x", "1"), samples[0].Labels);
        Assert.Equal(LabelSet.FromPairs("__name__", "b"), samples[1].Labels);
        Assert.Equal(LabelSet.FromPairs("__name__", "c"), samples[2].Labels);
    }

    [Fact]
    public void Accepts_a_last_line_without_newline()
    {
        var sample = Assert.Single(ParseHelper.Samples("m 1", Text));
        Assert.Equal(1, sample.Value);
    }

    [Theory]
    [InlineData("m\n", 1, "expected whitespace and value")]
    [InlineData("ok 1\nm abc\n", 2, "invalid sample value \"abc\"")]
    [InlineData("m 1 12.5\n", 1, "invalid timestamp")]
    [InlineData("m 1 2 3\n", 1, "unexpected text after timestamp")]
    [InlineData("m{a=\"1\" 1\n", 1, "expected ',' or '}'")]
    [InlineData("m{a=1} 1\n", 1, "expected quoted label value")]
    [InlineData("m{a=\"1} 1\n", 1, "unterminated")]
    [InlineData("m{1a=\"x\"} 1\n", 1, "invalid label name")]
    [InlineData("m{a=\"1\",a=\"2\"} 1\n", 1, "label name \"a\" is not unique")]
    [InlineData("\n\n# TYPE m flubber\n", 3, "invalid metric type \"flubber\"")]
    [InlineData("# TYPE m-x counter\n", 1, "invalid metric name")]
    [InlineData("{a=\"b\"} 1\n", 1, "metric name missing")]
    [InlineData("-m 1\n", 1, "invalid metric name")]
    public void Malformed_bodies_fail_with_line_and_cause(string body, int line, string cause)
    {
        var error = ParseHelper.Error(body, Text);
        Assert.Equal(line, error.Line);
        Assert.Contains(cause, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_label_value_is_an_error()
    {
        byte[] body = [.. "m{a=\""u8, 0xff, 0xfe, .. "\"} 1\n"u8];
        var error = Assert.Throws<ExpositionFormatException>(() => ParseHelper.Samples(body, Text));
        Assert.Contains("invalid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stale_nan_bit_pattern_is_not_produced_by_parsing_NaN()
    {
        var sample = Assert.Single(ParseHelper.Samples("m NaN\n", Text));
        Assert.True(double.IsNaN(sample.Value));
        Assert.False(StaleNaN.Is(sample.Value));
    }
}
