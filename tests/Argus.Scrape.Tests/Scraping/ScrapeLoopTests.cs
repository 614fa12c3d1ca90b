using System.IO.Compression;
using System.Text;
using Argus.Model;
using Argus.Model.Labels;
using Argus.Scrape.Scraping;
using Argus.Scrape.Tests.Support;

namespace Argus.Scrape.Tests.Scraping;

public sealed class ScrapeLoopTests
{
    private static readonly LabelSet Target = LabelSet.FromPairs("job", "node", "instance", "host:9100");

    private static ScrapeTargetOptions Options(FakeHttpServer server) => new()
    {
        TargetLabels = Target,
        Address = server.Address,
        Interval = TimeSpan.FromSeconds(15),
        Timeout = TimeSpan.FromSeconds(5),
    };

    private static double ValueOf(IEnumerable<RecordedSample> samples, string name) =>
        samples.Last(s => s.Labels.MetricName == name).Value;

    [Fact]
    public async Task A_scrape_appends_samples_with_target_labels_and_the_report_series()
    {
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text("# TYPE a counter\na{x=\"1\"} 10\nb 2 1234\n"));
        var storage = new RecordingAppendable();
        await using var loop = new ScrapeLoop(Options(server) with { Params = new Dictionary<string, IReadOnlyList<string>> { ["module"] = ["if_mib"] } }, storage, new ScrapeStats());

        var report = await loop.ScrapeOnceAsync();

        Assert.Equal(TargetHealth.Up, report.Health);
        Assert.Null(report.Error);
        var samples = storage.Committed;
        Assert.Contains(samples, s => s.Labels == LabelSet.FromPairs("__name__", "a", "x", "1", "job", "node", "instance", "host:9100") && s.Value == 10);
        Assert.Contains(samples, s => s.Labels.MetricName == "b" && s.TimestampMs == 1234);
        Assert.Equal(1, ValueOf(samples, "up"));
        Assert.Equal(2, ValueOf(samples, "scrape_samples_scraped"));
        Assert.Equal(2, ValueOf(samples, "scrape_samples_post_metric_relabeling"));
        Assert.Equal(2, ValueOf(samples, "scrape_series_added"));
        Assert.True(ValueOf(samples, "scrape_duration_seconds") > 0);
        Assert.Equal("node", samples.Single(s => s.Labels.MetricName == "up").Labels.Get("job"));

        var head = Assert.Single(server.Requests);
        Assert.StartsWith("GET /metrics?module=if_mib HTTP/1.1", head, StringComparison.Ordinal);
        Assert.Contains("Accept: application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,", head, StringComparison.Ordinal);
        Assert.Contains("Accept-Encoding: gzip", head, StringComparison.Ordinal);
        Assert.Contains("X-Prometheus-Scrape-Timeout-Seconds: 5", head, StringComparison.Ordinal);

        await loop.ScrapeOnceAsync();
        Assert.Equal(0, ValueOf(storage.Committed, "scrape_series_added"));
    }

    [Fact]
    public async Task Gzip_and_openmetrics_bodies_are_decoded()
    {
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes("# TYPE c counter\nc_total 5 1700000000.5\n# EOF\n"));
        }
        await using var server = new FakeHttpServer(_ =>
            new FakeHttpResponse(200, "application/openmetrics-text; version=1.0.0", compressed.ToArray(), "gzip"));
        var storage = new RecordingAppendable();
        await using var loop = new ScrapeLoop(Options(server), storage, new ScrapeStats());

        var report = await loop.ScrapeOnceAsync();

        Assert.Null(report.Error);
        var sample = storage.Committed.Single(s => s.Labels.MetricName == "c_total");
        Assert.Equal(1700000000500, sample.TimestampMs);
    }

    [Fact]
    public async Task A_malformed_body_stores_nothing_and_reports_line_and_cause()
    {
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text("a 1\nb 2\nc oops\n"));
        var storage = new RecordingAppendable();
        await using var loop = new ScrapeLoop(Options(server), storage, new ScrapeStats());

        var report = await loop.ScrapeOnceAsync();

        Assert.Equal(TargetHealth.Down, report.Health);
        Assert.Equal("line 3: invalid sample value \"oops\"", report.Error);
        Assert.DoesNotContain(storage.Committed, s => s.Labels.MetricName is "a" or "b");
        Assert.Equal(0, ValueOf(storage.Committed, "up"));
        Assert.Equal(2, ValueOf(storage.Committed, "scrape_samples_scraped"));
    }

    [Fact]
    public async Task Vanished_series_and_failed_scrapes_get_staleness_markers()
    {
        var body = "a 1\nb 2\n";
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text(body));
        var storage = new RecordingAppendable();
        await using var loop = new ScrapeLoop(Options(server), storage, new ScrapeStats());

        await loop.ScrapeOnceAsync();
        body = "a 1\n";
        await loop.ScrapeOnceAsync();
        var staleB = storage.Committed.Where(s => s.Labels.MetricName == "b" && StaleNaN.Is(s.Value)).ToList();
        Assert.Single(staleB);
        Assert.DoesNotContain(storage.Committed, s => s.Labels.MetricName == "a" && StaleNaN.Is(s.Value));

        server.Respond = _ => new FakeHttpResponse(500, "text/plain", []);
        var failed = await loop.ScrapeOnceAsync();
        Assert.Equal("server returned HTTP status 500 Error", failed.Error);
        Assert.Single(storage.Committed, s => s.Labels.MetricName == "a" && StaleNaN.Is(s.Value));
        Assert.Single(storage.Committed, s => s.Labels.MetricName == "b" && StaleNaN.Is(s.Value));
    }

    [Fact]
    public async Task Series_with_explicit_timestamps_get_no_staleness_unless_tracked()
    {
        var body = "a 1 1000\n";
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text(body));
        var storage = new RecordingAppendable();
        await using var loop = new ScrapeLoop(Options(server), storage, new ScrapeStats());
        await loop.ScrapeOnceAsync();
        body = "";
        await loop.ScrapeOnceAsync();
        Assert.DoesNotContain(storage.Committed, s => StaleNaN.Is(s.Value));

        body = "a 1 1000\n";
        var tracked = new RecordingAppendable();
        await using var trackingLoop = new ScrapeLoop(Options(server) with { TrackTimestampsStaleness = true }, tracked, new ScrapeStats());
        await trackingLoop.ScrapeOnceAsync();
        body = "";
        await trackingLoop.ScrapeOnceAsync();
        Assert.Single(tracked.Committed, s => s.Labels.MetricName == "a" && StaleNaN.Is(s.Value));
    }

    [Fact]
    public async Task Stopping_marks_every_series_and_the_report_stale()
    {
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text("a 1\n"));
        var storage = new RecordingAppendable();
        var loop = new ScrapeLoop(Options(server), storage, new ScrapeStats());
        await loop.ScrapeOnceAsync();
        await loop.StopAsync();
        await loop.DisposeAsync();
        var stale = storage.Committed.Where(s => StaleNaN.Is(s.Value)).Select(s => s.Labels.MetricName).Order().ToList();
        Assert.Equal(["a", "scrape_duration_seconds", "scrape_samples_post_metric_relabeling", "scrape_samples_scraped", "scrape_series_added", "up"], stale);
    }

    [Fact]
    public async Task Exceeding_the_sample_limit_fails_the_whole_scrape()
    {
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text("a 1\nb 2\nc 3\n"));
        var storage = new RecordingAppendable();
        var stats = new ScrapeStats();
        await using var loop = new ScrapeLoop(Options(server) with { SampleLimit = 2 }, storage, stats);

        var report = await loop.ScrapeOnceAsync();

        Assert.Equal("sample limit exceeded", report.Error);
        Assert.DoesNotContain(storage.Committed, s => s.Labels.MetricName is "a" or "b" or "c");
        Assert.Equal(1, stats.ScrapesExceededSampleLimit);
        Assert.Equal(0, ValueOf(storage.Committed, "up"));
    }

    [Fact]
    public async Task Metric_relabeling_drops_series_before_the_sample_limit_counts_them()
    {
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text("a 1\nb 2\nc 3\n"));
        var storage = new RecordingAppendable();
        var options = Options(server) with
        {
            SampleLimit = 2,
            MetricRelabel = labels => labels.MetricName == "b" ? null : labels.ToBuilder().Set("env", "prod").Build(),
        };
        await using var loop = new ScrapeLoop(options, storage, new ScrapeStats());

        var report = await loop.ScrapeOnceAsync();

        Assert.Null(report.Error);
        Assert.Equal(3, report.SamplesScraped);
        Assert.Equal(2, report.SamplesPostMetricRelabeling);
        Assert.DoesNotContain(storage.Committed, s => s.Labels.MetricName == "b");
        Assert.Equal("prod", storage.Committed.Single(s => s.Labels.MetricName == "a").Labels.Get("env"));
        Assert.Equal(2, ValueOf(storage.Committed, "scrape_samples_post_metric_relabeling"));
    }

    [Fact]
    public async Task The_body_size_limit_refuses_large_bodies_even_compressed()
    {
        var big = string.Concat(Enumerable.Repeat("metric_with_a_long_name 1\n", 1000));
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text(big));
        var storage = new RecordingAppendable();
        var stats = new ScrapeStats();
        await using var loop = new ScrapeLoop(Options(server) with { BodySizeLimit = 1000 }, storage, stats);
        var report = await loop.ScrapeOnceAsync();
        Assert.Equal("body size limit exceeded: response is larger than 1000 bytes", report.Error);

        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(big));
        }
        Assert.True(compressed.Length < 1000);
        server.Respond = _ => new FakeHttpResponse(200, "text/plain", compressed.ToArray(), "gzip");
        report = await loop.ScrapeOnceAsync();
        Assert.Equal("body size limit exceeded: response is larger than 1000 bytes", report.Error);
    }

    [Fact]
    public async Task A_body_without_a_length_is_refused_at_the_limit_not_read_whole()
    {
        await using var server = new EndlessHttpServer();
        var storage = new RecordingAppendable();
        await using var loop = new ScrapeLoop(new ScrapeTargetOptions
        {
            TargetLabels = Target,
            Address = server.Address,
            Interval = TimeSpan.FromSeconds(15),
            Timeout = TimeSpan.FromSeconds(20),
            BodySizeLimit = 100_000,
        }, storage, new ScrapeStats());
        var report = await loop.ScrapeOnceAsync();
        Assert.Equal("body size limit exceeded: response is larger than 100000 bytes", report.Error);
        Assert.DoesNotContain(storage.Committed, s => s.Labels.MetricName == "endless_metric");
        await server.WaitForHangUpAsync(TimeSpan.FromSeconds(20));
        // The limit plus what loopback socket buffers hold, nowhere near the server's 1 GiB cap.
        Assert.True(server.BytesSent < 64 << 20, $"the target sent {server.BytesSent} bytes before the scraper hung up");
    }

    [Theory]
    [InlineData(false, "node", "scraped")]
    [InlineData(true, "scraped", "")]
    public async Task Honor_labels_decides_who_wins_a_label_conflict(bool honorLabels, string expectedJob, string expectedExported)
    {
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text("a{job=\"scraped\"} 1\n"));
        var storage = new RecordingAppendable();
        await using var loop = new ScrapeLoop(Options(server) with { HonorLabels = honorLabels }, storage, new ScrapeStats());
        await loop.ScrapeOnceAsync();
        var a = storage.Committed.Single(s => s.Labels.MetricName == "a");
        Assert.Equal(expectedJob, a.Labels.Get("job"));
        Assert.Equal(expectedExported, a.Labels.Get("exported_job"));
        Assert.Equal("host:9100", a.Labels.Get("instance"));
    }

    [Fact]
    public async Task Conflicts_with_existing_exported_labels_get_a_longer_prefix()
    {
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text("a{job=\"j\",exported_job=\"e\"} 1\n"));
        var storage = new RecordingAppendable();
        await using var loop = new ScrapeLoop(Options(server), storage, new ScrapeStats());
        await loop.ScrapeOnceAsync();
        var a = storage.Committed.Single(s => s.Labels.MetricName == "a");
        Assert.Equal("node", a.Labels.Get("job"));
        Assert.Equal("e", a.Labels.Get("exported_job"));
        Assert.Equal("j", a.Labels.Get("exported_exported_job"));
    }

    [Fact]
    public async Task Without_honor_timestamps_the_scrape_time_is_used()
    {
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text("a 1 1000\n"));
        var storage = new RecordingAppendable();
        await using var loop = new ScrapeLoop(Options(server) with { HonorTimestamps = false }, storage, new ScrapeStats());
        var report = await loop.ScrapeOnceAsync();
        Assert.Equal(report.Start.ToUnixTimeMilliseconds(), storage.Committed.Single(s => s.Labels.MetricName == "a").TimestampMs);
    }

    [Theory]
    [InlineData(3, 0, 0, "label_limit exceeded (metric: a, number of labels: 4, limit: 3)")]
    [InlineData(0, 4, 0, "label_name_length_limit exceeded (metric: a, label name: __name__, length: 8, limit: 4)")]
    [InlineData(0, 0, 4, "label_value_length_limit exceeded (metric: a, label name: instance, value: \"host:9100\", length: 9, limit: 4)")]
    public async Task Label_limits_fail_the_scrape(int labelLimit, int nameLimit, int valueLimit, string error)
    {
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text("a{x=\"1\"} 1\n"));
        var storage = new RecordingAppendable();
        var options = Options(server) with { LabelLimit = labelLimit, LabelNameLengthLimit = nameLimit, LabelValueLengthLimit = valueLimit };
        await using var loop = new ScrapeLoop(options, storage, new ScrapeStats());
        var report = await loop.ScrapeOnceAsync();
        Assert.Equal(error, report.Error);
        Assert.DoesNotContain(storage.Committed, s => s.Labels.MetricName == "a");
    }

    [Fact]
    public async Task Missing_content_type_fails_unless_a_fallback_is_configured()
    {
        await using var server = new FakeHttpServer(_ => new FakeHttpResponse(200, null, "a 1\n"u8.ToArray()));
        var storage = new RecordingAppendable();
        await using var loop = new ScrapeLoop(Options(server), storage, new ScrapeStats());
        var report = await loop.ScrapeOnceAsync();
        Assert.Contains("non-compliant scrape target sending blank Content-Type", report.Error, StringComparison.Ordinal);

        await using var fallbackLoop = new ScrapeLoop(Options(server) with { FallbackScrapeProtocol = Argus.Scrape.Parsing.ScrapeProtocol.PrometheusText0_0_4 },
            storage, new ScrapeStats());
        Assert.Null((await fallbackLoop.ScrapeOnceAsync()).Error);
    }

    [Fact]
    public async Task Slow_targets_time_out()
    {
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text("a 1\n") with { Delay = TimeSpan.FromSeconds(3) });
        var storage = new RecordingAppendable();
        await using var loop = new ScrapeLoop(Options(server) with { Timeout = TimeSpan.FromMilliseconds(200) }, storage, new ScrapeStats());
        var report = await loop.ScrapeOnceAsync();
        Assert.Equal("scrape timed out after 0.2s", report.Error);
    }

    [Fact]
    public async Task Basic_auth_and_authorization_headers_are_sent()
    {
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text("a 1\n"));
        var storage = new RecordingAppendable();
        await using (var loop = new ScrapeLoop(Options(server) with { BasicAuth = new BasicAuthOptions("user", "pass") }, storage, new ScrapeStats()))
        {
            await loop.ScrapeOnceAsync();
        }
        await using (var loop = new ScrapeLoop(Options(server) with { Authorization = new AuthorizationOptions(Credentials: "tok") }, storage, new ScrapeStats()))
        {
            await loop.ScrapeOnceAsync();
        }
        Assert.Contains("Authorization: Basic dXNlcjpwYXNz", server.Requests[0], StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer tok", server.Requests[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_storage_failure_rolls_the_batch_back_and_marks_the_target_down()
    {
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text("a 1\n"));
        var storage = new RecordingAppendable { FailNextCommit = new Argus.Storage.StorageException("disk full") };
        await using var loop = new ScrapeLoop(Options(server), storage, new ScrapeStats());
        var report = await loop.ScrapeOnceAsync();
        Assert.Equal("disk full", report.Error);
        Assert.DoesNotContain(storage.Committed, s => s.Labels.MetricName == "a");
        Assert.Equal(0, ValueOf(storage.Committed, "up"));
    }

    [Fact]
    public void The_initial_offset_is_stable_and_within_the_interval()
    {
        var options = new ScrapeTargetOptions { TargetLabels = Target, Address = "h:1", Interval = TimeSpan.FromSeconds(30) };
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var delay = ScrapeLoop.InitialDelay(options, now);
        Assert.InRange(delay, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        // Ten seconds later the scrape lands on the same phase of the interval.
        var later = ScrapeLoop.InitialDelay(options, now.AddSeconds(10));
        Assert.Equal((now + delay).UtcTicks % TimeSpan.FromSeconds(30).Ticks, (now.AddSeconds(10) + later).UtcTicks % TimeSpan.FromSeconds(30).Ticks);
        var other = ScrapeLoop.InitialDelay(options with { Address = "h:2" }, now);
        Assert.NotEqual(delay, other);
    }

    [Fact]
    public async Task A_started_loop_scrapes_repeatedly_until_stopped()
    {
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text("a 1\n"));
        var storage = new RecordingAppendable();
        await using var loop = new ScrapeLoop(Options(server) with { Interval = TimeSpan.FromMilliseconds(100) }, storage, new ScrapeStats());
        loop.Start();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (server.Requests.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        await loop.StopAsync();
        Assert.True(server.Requests.Count >= 3);
        Assert.Contains(storage.Committed, s => s.Labels.MetricName == "up" && StaleNaN.Is(s.Value));
    }
}
