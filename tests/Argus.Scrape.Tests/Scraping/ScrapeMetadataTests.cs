using System.Text;
using Argus.Model.Labels;
using Argus.Scrape.Parsing;
using Argus.Scrape.Scraping;
using Argus.Scrape.Tests.Support;

namespace Argus.Scrape.Tests.Scraping;

public sealed class ScrapeMetadataTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private readonly ScrapeLoop _loop = new(
        new ScrapeTargetOptions { TargetLabels = LabelSet.FromPairs("job", "j"), Address = "127.0.0.1:1" },
        new RecordingAppendable(),
        new ScrapeStats());
    private int _scrapes;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _loop.DisposeAsync();

    private ScrapeReport Scrape(string body, ExpositionFormat format = ExpositionFormat.PrometheusText) =>
        _loop.AppendFetchedBody(Encoding.UTF8.GetBytes(body), format, Start.AddSeconds(15 * _scrapes++));

    private static string Show(IReadOnlyList<MetricMetadata> metadata) =>
        string.Join(" | ", metadata.Select(m => $"{m.Metric}:{m.Type}:{m.Help}:{m.Unit}"));

    [Fact]
    public void Text_format_families_keep_type_help_and_unknown_as_Prometheus_names_them()
    {
        Assert.Empty(_loop.Metadata);
        var report = Scrape("""
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{code="200"} 10
            # HELP temp A \\ backslash, a \"quote\" and a\nnewline.
            # TYPE temp gauge
            temp 3
            # TYPE untyped_thing untyped
            untyped_thing 1
            no_metadata 2
            # HELP only_help just help
            only_help 4

            """);

        Assert.Null(report.Error);
        Assert.Equal(
            "http_requests_total:counter:The total number of HTTP requests.: | only_help:unknown:just help: | " +
            "temp:gauge:A \\ backslash, a \\\"quote\\\" and a\nnewline.: | untyped_thing:unknown::",
            Show(_loop.Metadata));
    }

    [Fact]
    public void OpenMetrics_families_keep_their_unit_and_their_name_without_total()
    {
        Scrape("""
            # TYPE req counter
            # HELP req Requests with a \"quote\".
            req_total 5
            # TYPE latency_seconds histogram
            # UNIT latency_seconds seconds
            latency_seconds_bucket{le="+Inf"} 2
            latency_seconds_sum 1.5
            latency_seconds_count 2
            # TYPE build info
            build_info{version="1"} 1
            # TYPE state stateset
            state{state="a"} 1
            # TYPE gh gaugehistogram
            gh_bucket{le="+Inf"} 1
            gh_gcount 1
            # EOF

            """.TrimEnd('\n') + "\n", ExpositionFormat.OpenMetrics);

        Assert.Equal(
            "build:info:: | gh:gaugehistogram:: | latency_seconds:histogram::seconds | req:counter:Requests with a \"quote\".: | state:stateset::",
            Show(_loop.Metadata));
    }

    [Fact]
    public void A_changed_line_replaces_that_field_and_a_vanished_family_goes_after_ten_scrapes()
    {
        Scrape("# HELP a first\n# TYPE a gauge\na 1\n# TYPE b counter\nb 1\n");
        var first = _loop.Metadata;
        Scrape("# HELP a first\n# TYPE a gauge\na 1\n# TYPE b counter\nb 1\n");
        Assert.Same(first, _loop.Metadata); // nothing changed: the snapshot is not rebuilt

        // Only the help of a changes; b's metadata lines stop appearing.
        Scrape("# HELP a second\n# TYPE a gauge\na 1\nb 1\n");
        Assert.Equal("a:gauge:second: | b:counter::", Show(_loop.Metadata));

        // A line that is left out keeps the field's old value, as in Prometheus.
        Scrape("# TYPE a counter\na 1\nb 1\n");
        Assert.Equal("a:counter:second: | b:counter::", Show(_loop.Metadata));

        // b was last described in the second scrape; Prometheus keeps it through the ten successful scrapes
        // after that one (two of which are above) and forgets it in the eleventh.
        for (var i = 0; i < 8; i++)
        {
            Scrape("# TYPE a counter\na 1\nb 1\n");
        }
        Assert.Contains(_loop.Metadata, m => m.Metric == "b");
        Scrape("# TYPE a counter\na 1\nb 1\n");
        Assert.Equal("a:counter:second:", Show(_loop.Metadata));
    }

    [Fact]
    public void Failed_and_empty_scrapes_do_not_count_towards_forgetting()
    {
        Scrape("# TYPE b counter\nb 1\n");
        for (var i = 0; i < 20; i++)
        {
            Assert.NotNull(Scrape("b{ 1\n").Error);
            Assert.Null(Scrape(string.Empty).Error);
        }
        Assert.Equal("b:counter::", Show(_loop.Metadata));
    }
}
