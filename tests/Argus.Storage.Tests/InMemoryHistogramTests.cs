using Argus.Model.Histograms;
using Argus.Model.Labels;
using Argus.Storage.InMemory;

namespace Argus.Storage.Tests;

public class InMemoryHistogramTests
{
    private static readonly LabelSet Labels = LabelSet.FromPairs("__name__", "h");

    private static List<(SampleKind Kind, long T, double F, FloatHistogram? H)> ReadBack(InMemoryStorage storage)
    {
        using var querier = storage.CreateQuerier(0, 10_000);
        var set = querier.Select(true, null, LabelMatcher.Equal("__name__", "h"));
        Assert.True(set.MoveNext());
        var iterator = set.Current.Iterator();
        var samples = new List<(SampleKind, long, double, FloatHistogram?)>();
        for (var kind = iterator.Next(); kind != SampleKind.None; kind = iterator.Next())
        {
            samples.Add((kind, iterator.Timestamp, kind == SampleKind.Float ? iterator.Value : 0, iterator.Histogram));
        }
        return samples;
    }

    [Fact]
    public void Histograms_and_floats_of_one_series_come_back_in_time_order_with_their_kind()
    {
        var storage = new InMemoryStorage();
        var appender = storage.CreateAppender();
        var series = SeriesRef.None;
        var first = HistogramNotation.Parse("{{count:2 sum:3 buckets:[2]}}");
        appender.AppendHistogram(ref series, Labels, 1000, first);
        appender.Append(ref series, Labels, 2000, 7);
        appender.AppendHistogram(ref series, Labels, 3000, HistogramNotation.Parse("{{count:1 sum:1 buckets:[1]}}"));
        appender.Commit();

        var samples = ReadBack(storage);

        Assert.Equal([SampleKind.Histogram, SampleKind.Float, SampleKind.Histogram], samples.Select(s => s.Kind));
        Assert.Equal([1000L, 2000, 3000], samples.Select(s => s.T));
        Assert.Same(first, samples[0].H);
        Assert.Equal(7, samples[1].F);
        Assert.Null(samples[1].H);
        // Neither histogram follows another histogram, so both keep the unknown hint.
        Assert.Equal(CounterResetHint.Unknown, samples[2].H!.CounterResetHint);
    }

    [Fact]
    public void A_histogram_after_a_histogram_is_read_as_reset_or_not_reset_and_gauges_stay_gauges()
    {
        var storage = new InMemoryStorage();
        var appender = storage.CreateAppender();
        var series = SeriesRef.None;
        foreach (var (t, text) in new[]
        {
            (1000L, "{{count:2 buckets:[2]}}"),
            (2000L, "{{count:3 buckets:[3]}}"),
            (3000L, "{{count:1 buckets:[1]}}"),
            (4000L, "{{count:0 counter_reset_hint:gauge}}"),
        })
        {
            appender.AppendHistogram(ref series, Labels, t, HistogramNotation.Parse(text));
        }
        appender.Commit();

        var hints = ReadBack(storage).Select(s => s.H!.CounterResetHint);

        Assert.Equal([CounterResetHint.Unknown, CounterResetHint.NotReset, CounterResetHint.Reset, CounterResetHint.Gauge], hints);
    }

    [Fact]
    public void Storage_without_histogram_support_rejects_them_by_default()
    {
        IAppender appender = new FloatOnlyAppender();
        var series = SeriesRef.None;

        var e = Assert.Throws<StorageException>(() => appender.AppendHistogram(ref series, Labels, 5, HistogramNotation.Parse("{{count:1}}")));

        Assert.Contains("FloatOnlyAppender does not store native histograms", e.Message, StringComparison.Ordinal);
    }

    private sealed class FloatOnlyAppender : IAppender
    {
        public AppendStatus Append(ref SeriesRef series, LabelSet labels, long timestampMs, double value) => AppendStatus.Ok;

        public void Commit()
        {
        }

        public void Rollback()
        {
        }
    }
}
