using Argus.Instrumentation.Exposition;
using Argus.Instrumentation.Metrics;

namespace Argus.Instrumentation.Tests;

public class MetricsRegistryTests
{
    [Fact]
    public void Families_are_written_sorted_by_name_with_children_sorted_by_label_values()
    {
        var registry = new MetricsRegistry();
        var requests = registry.CounterFamily("http_requests_total", "Requests served.", "code", "handler");
        requests.WithLabels("500", "/metrics").Inc();
        requests.WithLabels("200", "/metrics").Inc(3);
        requests.WithLabels("200", "/-/healthy").Add(2);
        registry.Gauge("a_gauge", "First by name.").Set(-1.5);

        Assert.Equal(
            """
            # HELP a_gauge First by name.
            # TYPE a_gauge gauge
            a_gauge -1.5
            # HELP http_requests_total Requests served.
            # TYPE http_requests_total counter
            http_requests_total{code="200",handler="/-/healthy"} 2
            http_requests_total{code="200",handler="/metrics"} 3
            http_requests_total{code="500",handler="/metrics"} 1

            """.ReplaceLineEndings("\n"),
            registry.WriteToString());
    }

    [Fact]
    public void Histogram_buckets_are_cumulative_with_sum_and_count()
    {
        var registry = new MetricsRegistry();
        var histogram = registry.HistogramFamily("latency_seconds", "Latency.", [0.1, 1, 1e6], "handler").WithLabels("/q");
        histogram.Observe(0.05);
        histogram.Observe(0.1);
        histogram.Observe(0.5);
        histogram.Observe(5);
        histogram.Observe(5e6);

        Assert.Equal(
            """
            # HELP latency_seconds Latency.
            # TYPE latency_seconds histogram
            latency_seconds_bucket{handler="/q",le="0.1"} 2
            latency_seconds_bucket{handler="/q",le="1"} 3
            latency_seconds_bucket{handler="/q",le="1e+06"} 4
            latency_seconds_bucket{handler="/q",le="+Inf"} 5
            latency_seconds_sum{handler="/q"} 5.00000565e+06
            latency_seconds_count{handler="/q"} 5

            """.ReplaceLineEndings("\n"),
            registry.WriteToString());
    }

    [Fact]
    public void Callback_metrics_are_read_at_write_time_and_can_be_replaced()
    {
        var registry = new MetricsRegistry();
        long appended = 7;
        registry.CallbackCounter("tsdb_appended_total", "", () => Interlocked.Read(ref appended));
        Assert.Contains("tsdb_appended_total 7\n", registry.WriteToString());
        appended = 9;
        Assert.Contains("tsdb_appended_total 9\n", registry.WriteToString());
        registry.CallbackCounter("tsdb_appended_total", "", () => 42);
        Assert.Contains("tsdb_appended_total 42\n", registry.WriteToString());
    }

    [Fact]
    public void A_throwing_callback_is_left_out_without_failing_the_exposition()
    {
        var registry = new MetricsRegistry();
        var family = registry.CallbackFamily("stat", "", MetricType.Gauge, "kind");
        family.Set(() => throw new IOException("gone"), "broken");
        family.Set(() => 1, "fine");
        var output = registry.WriteToString();
        Assert.Contains("stat{kind=\"fine\"} 1\n", output);
        Assert.DoesNotContain("broken", output);
    }

    [Fact]
    public void Collectors_write_their_families_after_the_registered_ones_at_every_scrape()
    {
        var registry = new MetricsRegistry();
        registry.Gauge("z_registered", "").Set(1);
        var collector = new CountingCollector();
        registry.RegisterCollector(collector);
        Assert.Equal("# TYPE z_registered gauge\nz_registered 1\n# TYPE node_scrapes counter\nnode_scrapes 1\n", registry.WriteToString());
        Assert.EndsWith("node_scrapes 2\n", registry.WriteToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_a_compatible_family_twice_returns_the_same_instance()
    {
        var registry = new MetricsRegistry();
        var first = registry.Counter("c_total", "");
        first.Inc();
        var second = registry.Counter("c_total", "");
        Assert.Same(first, second);
    }

    [Fact]
    public void Registering_a_name_as_a_different_kind_throws()
    {
        var registry = new MetricsRegistry();
        registry.Counter("thing", "");
        Assert.Throws<InvalidOperationException>(() => registry.Gauge("thing", ""));
        Assert.Throws<InvalidOperationException>(() => registry.CounterFamily("thing", "", "label"));
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("with-dash")]
    [InlineData("")]
    public void Invalid_metric_names_are_rejected(string name)
    {
        Assert.Throws<ArgumentException>(() => new MetricsRegistry().Counter(name, ""));
    }

    [Fact]
    public void Invalid_label_names_and_wrong_value_counts_are_rejected()
    {
        var registry = new MetricsRegistry();
        Assert.Throws<ArgumentException>(() => registry.CounterFamily("a", "", "__reserved"));
        Assert.Throws<ArgumentException>(() => registry.CounterFamily("b", "", "x", "x"));
        Assert.Throws<ArgumentException>(() => registry.HistogramFamily("c", "", [1], "le"));
        Assert.Throws<ArgumentException>(() => registry.HistogramFamily("d", "", [2, 1]));
        Assert.Throws<ArgumentException>(() => registry.CounterFamily("e", "", "x").WithLabels("1", "2"));
    }

    [Fact]
    public void Counters_reject_negative_increments_and_accept_fractions()
    {
        var counter = new MetricsRegistry().Counter("c", "");
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Add(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Add(double.NaN));
        counter.Add(0.25);
        counter.Add(2);
        counter.Inc();
        Assert.Equal(3.25, counter.Value);
    }

    [Fact]
    public void Concurrent_increments_are_not_lost()
    {
        var registry = new MetricsRegistry();
        var counter = registry.Counter("c", "");
        var gauge = registry.Gauge("g", "");
        var histogram = registry.Histogram("h", "", [1]);
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counter.Inc();
                counter.Add(0.5);
                gauge.Add(1);
                histogram.Observe(0.5);
            }
        });
        Assert.Equal(120_000, counter.Value);
        Assert.Equal(80_000, gauge.Value);
        Assert.Equal(80_000, histogram.Count);
        Assert.Equal(40_000, histogram.Sum);
    }

    [Fact]
    public void A_family_without_children_writes_nothing()
    {
        var registry = new MetricsRegistry();
        registry.CounterFamily("unused_total", "Never incremented.", "code");
        Assert.Equal("", registry.WriteToString());
    }
}
