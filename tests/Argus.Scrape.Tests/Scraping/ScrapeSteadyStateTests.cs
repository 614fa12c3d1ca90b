using System.Text;
using Argus.Model.Labels;
using Argus.Scrape.Parsing;
using Argus.Scrape.Scraping;
using Argus.Storage;

namespace Argus.Scrape.Tests.Scraping;

public sealed class ScrapeSteadyStateTests
{
    [Fact]
    public async Task A_scrape_of_cached_series_allocates_nothing_per_sample()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            sb.Append("node_cpu_seconds_total{cpu=\"").Append(i).Append("\",mode=\"idle\"} ").Append(i).Append(".5\n");
        }
        var body = Encoding.UTF8.GetBytes(sb.ToString());
        var storage = new CountingAppendable();
        await using var loop = new ScrapeLoop(new ScrapeTargetOptions { TargetLabels = LabelSet.FromPairs("job", "j"), Address = "127.0.0.1:1" },
            storage, new ScrapeStats());
        var start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        Assert.Equal(5000, loop.AppendFetchedBody(body, ExpositionFormat.PrometheusText, start).SeriesAdded);
        loop.AppendFetchedBody(body, ExpositionFormat.PrometheusText, start.AddSeconds(15));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var report = loop.AppendFetchedBody(body, ExpositionFormat.PrometheusText, start.AddSeconds(30));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(report.Error);
        Assert.Equal(5000, report.SamplesScraped);
        Assert.Equal(0, report.SeriesAdded);
        Assert.Equal(3 * (5000 + 5), storage.Appends);
        // Only per-scrape objects (appender, report, stopwatch) remain: far less than one byte per sample.
        Assert.True(allocated < 2048, $"a cached scrape of 5000 samples allocated {allocated} bytes");
    }

    [Fact]
    public async Task Unchanged_metadata_lines_allocate_nothing()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            sb.Append("# HELP family_").Append(i).Append("_total Requests of family ").Append(i).Append(" with \\\\ an escape.\n");
            sb.Append("# TYPE family_").Append(i).Append("_total counter\n");
            sb.Append("family_").Append(i).Append("_total ").Append(i).Append('\n');
        }
        var body = Encoding.UTF8.GetBytes(sb.ToString());
        await using var loop = new ScrapeLoop(new ScrapeTargetOptions { TargetLabels = LabelSet.FromPairs("job", "j"), Address = "127.0.0.1:1" },
            new CountingAppendable(), new ScrapeStats());
        var start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        loop.AppendFetchedBody(body, ExpositionFormat.PrometheusText, start);
        loop.AppendFetchedBody(body, ExpositionFormat.PrometheusText, start.AddSeconds(15));
        var metadata = loop.Metadata;

        var before = GC.GetAllocatedBytesForCurrentThread();
        var report = loop.AppendFetchedBody(body, ExpositionFormat.PrometheusText, start.AddSeconds(30));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(report.Error);
        Assert.Same(metadata, loop.Metadata);
        Assert.Equal(1000, metadata.Count);
        Assert.Equal("Requests of family 7 with \\ an escape.", metadata.Single(m => m.Metric == "family_7_total").Help);
        Assert.True(allocated < 2048, $"a scrape of 1000 unchanged families allocated {allocated} bytes");
    }

    /// <summary>Counts appends and keeps nothing, so it allocates nothing itself.</summary>
    private sealed class CountingAppendable : IAppendable, IAppender
    {
        private ulong _next;

        public long Appends { get; private set; }

        public IAppender CreateAppender() => this;

        public AppendStatus Append(ref SeriesRef series, LabelSet labels, long timestampMs, double value)
        {
            if (series.IsNone)
            {
                series = new SeriesRef(++_next);
            }
            Appends++;
            return AppendStatus.Ok;
        }

        public void Commit()
        {
        }

        public void Rollback()
        {
        }
    }
}
