using Argus.Model;
using Argus.Model.Histograms;
using Argus.Model.Labels;
using Argus.Storage;
using static Argus.Tsdb.Tests.StorageTestHelpers;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Tsdb.Tests;

public class HeadTests
{
    [Fact]
    public void Committed_samples_are_visible_and_staged_ones_are_not()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path));
        var labels = Series("up", "job", "api");
        var appender = db.CreateAppender();
        var series = SeriesRef.None;
        Assert.Equal(AppendStatus.Ok, appender.Append(ref series, labels, 1000, 1));
        Assert.False(series.IsNone);
        Assert.Equal(AppendStatus.Ok, appender.Append(ref series, LabelSet.Empty, 2000, 0));
        Assert.Empty(ReadAll(db));
        appender.Commit();
        var all = ReadAll(db);
        Assert.Equal([(1000L, BitConverter.DoubleToUInt64Bits(1)), (2000L, 0UL)], all[labels.ToString()]);
        Assert.Equal(2, db.Stats.SamplesAppended);
        Assert.Equal(1, db.Stats.HeadSeries);
    }

    [Fact]
    public void Histogram_samples_are_rejected_with_a_storage_error_not_dropped()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path));
        var appender = db.CreateAppender();
        var series = SeriesRef.None;

        var e = Assert.Throws<StorageException>(() => appender.AppendHistogram(ref series, Series("h"), 1000, HistogramNotation.Parse("{{count:1 buckets:[1]}}")));

        Assert.Contains("native histograms are not stored by the TSDB yet", e.Message, StringComparison.Ordinal);
        Assert.Contains("h", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rolled_back_samples_never_appear()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path));
        var appender = db.CreateAppender();
        var series = SeriesRef.None;
        appender.Append(ref series, Series("x"), 1000, 1);
        appender.Rollback();
        Assert.Empty(ReadAll(db));
        Assert.Throws<InvalidOperationException>(() => appender.Commit());
    }

    [Fact]
    public void Duplicates_out_of_order_and_invalid_labels_are_per_sample_results()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path));
        var labels = Series("x");
        Assert.Equal(AppendStatus.Ok, AppendOne(db, labels, 2000, 5));
        Assert.Equal(AppendStatus.Ok, AppendOne(db, labels, 2000, 5));
        Assert.Equal(AppendStatus.Duplicate, AppendOne(db, labels, 2000, 6));
        Assert.Equal(AppendStatus.OutOfOrder, AppendOne(db, labels, 1000, 1));
        Assert.Equal(AppendStatus.InvalidLabels, AppendOne(db, LabelSet.Empty, 3000, 1));
        Assert.Equal(1, db.Stats.DuplicateRejected);
        Assert.Equal(1, db.Stats.OutOfOrderRejected);
        Assert.Equal(1, db.Stats.InvalidLabelsRejected);
        Assert.Equal([(2000L, BitConverter.DoubleToUInt64Bits(5))], ReadAll(db)[labels.ToString()]);
    }

    [Fact]
    public void Out_of_order_samples_inside_the_window_are_merged_and_older_ones_are_too_old()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path) with { OutOfOrderWindow = TimeSpan.FromMinutes(10) });
        var labels = Series("x");
        AppendOne(db, labels, 3_600_000, 3);
        Assert.Equal(AppendStatus.Ok, AppendOne(db, labels, 3_600_000 - 60_000, 2));
        Assert.Equal(AppendStatus.Ok, AppendOne(db, labels, 3_600_000 - 120_000, 1));
        Assert.Equal(AppendStatus.Duplicate, AppendOne(db, labels, 3_600_000 - 120_000, 9));
        Assert.Equal(AppendStatus.TooOld, AppendOne(db, labels, 3_600_000 - 700_000, 0));
        Assert.Equal(AppendStatus.Ok, AppendOne(db, labels, 3_700_000, 4));
        var samples = ReadAll(db)[labels.ToString()];
        Assert.Equal(new long[] { 3_480_000, 3_540_000, 3_600_000, 3_700_000 }, samples.Select(s => s.T).ToArray());
        Assert.Equal(new double[] { 1, 2, 3, 4 }, samples.Select(s => BitConverter.UInt64BitsToDouble(s.Bits)).ToArray());
        Assert.Equal(2, db.Stats.OutOfOrderSamplesAppended);
        Assert.Equal(1, db.Stats.TooOldRejected);
    }

    [Fact]
    public void Matchers_select_by_equality_regex_negation_and_literal_sets()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path));
        string[] jobs = ["api", "web", "db"];
        foreach (var job in jobs)
        {
            foreach (var instance in new[] { "a", "b" })
            {
                AppendOne(db, Series("up", "job", job, "instance", instance), 1000, 1);
            }
        }
        AppendOne(db, Series("other", "job", "api"), 1000, 1);
        static int Count(TsdbStorage db, params LabelMatcher[] m) => ReadAll(db, m).Count;
        var up = LabelMatcher.Equal(LabelNames.MetricName, "up");
        Assert.Equal(6, Count(db, up));
        Assert.Equal(2, Count(db, up, LabelMatcher.Equal("job", "api")));
        Assert.Equal(4, Count(db, up, new LabelMatcher(MatchType.NotEqual, "job", "api")));
        Assert.Equal(4, Count(db, up, new LabelMatcher(MatchType.Regex, "job", "api|web")));
        Assert.Equal(2, Count(db, up, new LabelMatcher(MatchType.Regex, "job", "w.*")));
        Assert.Equal(3, Count(db, up, new LabelMatcher(MatchType.NotRegex, "instance", "a")));
        Assert.Equal(0, Count(db, up, LabelMatcher.Equal("missing", "x")));
        Assert.Equal(6, Count(db, up, LabelMatcher.Equal("missing", "")));
        Assert.Equal(2, Count(db, LabelMatcher.Equal("job", "api"), new LabelMatcher(MatchType.NotRegex, LabelNames.MetricName, "up|x")) + 1);
        using var querier = db.CreateQuerier(0, 5000);
        Assert.Throws<ArgumentException>(() => querier.Select(false, null, new LabelMatcher(MatchType.Regex, "job", ".*")));
        Assert.Equal(["__name__", "instance", "job"], querier.LabelNames());
        Assert.Equal(["__name__", "job"], querier.LabelNames(LabelMatcher.Equal(LabelNames.MetricName, "other")));
        Assert.Equal(["api", "db", "web"], querier.LabelValues("job"));
        Assert.Equal(["a", "b"], querier.LabelValues("instance", LabelMatcher.Equal("job", "db")));
    }

    [Fact]
    public void Select_returns_series_sorted_by_labels_and_only_those_with_samples_in_range()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path));
        AppendOne(db, Series("m", "i", "c"), 1000, 1);
        AppendOne(db, Series("m", "i", "a"), 5000, 1);
        AppendOne(db, Series("m", "i", "b"), 2000, 1);
        using var querier = db.CreateQuerier(1500, 6000);
        var set = querier.Select(true, null, LabelMatcher.Equal(LabelNames.MetricName, "m"));
        var names = new List<string>();
        while (set.MoveNext())
        {
            names.Add(set.Current.Labels.Get("i"));
        }
        Assert.Equal(["a", "b"], names);
    }

    [Fact]
    public void Series_read_one_after_another_keep_their_own_chunks_and_out_of_order_samples()
    {
        // The head reuses one view for every series of a selection: a series with several chunks and
        // out-of-order samples must not leave any of them behind for the smaller series after it.
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path) with { OutOfOrderWindow = TimeSpan.FromHours(3) });
        var big = Series("m", "i", "a");
        var appender = db.CreateAppender();
        var reference = SeriesRef.None;
        for (var i = 0; i < 300; i++)
        {
            appender.Append(ref reference, big, 1_000_000 + (i * 15_000L), i);
        }
        appender.Commit();
        Assert.Equal(AppendStatus.Ok, AppendOne(db, big, 1_000_000 + 7_000, -1));
        var small = Series("m", "i", "b");
        AppendOne(db, small, 2_000_000, 42);
        var all = ReadAll(db, LabelMatcher.Equal(LabelNames.MetricName, "m"));
        Assert.Equal(301, all[big.ToString()].Count);
        Assert.Equal(1_007_000, all[big.ToString()][1].T);
        Assert.Equal([(2_000_000L, BitConverter.DoubleToUInt64Bits(42))], all[small.ToString()]);
    }

    [Fact]
    public void The_newest_sample_is_known_without_decoding_unless_a_deletion_or_the_range_hides_it()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path) with { OutOfOrderWindow = TimeSpan.FromHours(1) });
        var labels = Series("m");
        var appender = db.CreateAppender();
        var reference = SeriesRef.None;
        for (var i = 0; i < 200; i++)
        {
            appender.Append(ref reference, labels, 1_000_000 + (i * 15_000L), i * 0.5);
        }
        appender.Commit();
        const long newest = 1_000_000 + (199 * 15_000L);
        // An out-of-order sample is older than the newest one and changes nothing.
        Assert.Equal(AppendStatus.Ok, AppendOne(db, labels, newest - 7_000, -1));
        static (bool Known, long T, double V) Latest(TsdbStorage db, long min, long max, long atOrBefore)
        {
            using var querier = db.CreateQuerier(min, max);
            var set = querier.Select(false, null, LabelMatcher.Equal(LabelNames.MetricName, "m"));
            Assert.True(set.MoveNext());
            var known = ((ILatestSample)set.Current).TryGetLatest(atOrBefore, out var t, out var v);
            return (known, t, v);
        }
        Assert.Equal((true, newest, 99.5), Latest(db, newest - 300_000, newest + 10_000, newest + 10_000));
        Assert.Equal((true, newest, 99.5), Latest(db, newest - 300_000, newest, newest));
        Assert.False(Latest(db, newest - 300_000, newest + 10_000, newest - 1).Known);
        Assert.False(Latest(db, 0, newest - 1, newest - 1).Known);
        AppendOne(db, labels, newest + 15_000, StaleNaN.Value);
        var stale = Latest(db, 0, long.MaxValue, long.MaxValue);
        Assert.True(stale.Known && StaleNaN.Is(stale.V) && stale.T == newest + 15_000);
        db.DeleteSeries([LabelMatcher.Equal(LabelNames.MetricName, "m")], newest + 15_000, newest + 15_000);
        Assert.False(Latest(db, 0, long.MaxValue, long.MaxValue).Known);
    }

    [Fact]
    public void Large_selections_stay_in_label_order_when_their_order_is_reused_and_when_series_come_and_go()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path));
        // Created in an order that is not label order, more than the size the head caches orders from.
        for (var i = 0; i < 100; i++)
        {
            AppendOne(db, Series("m", "i", ((i * 37) % 100).ToString("D3", System.Globalization.CultureInfo.InvariantCulture)), 1000, i);
        }
        List<string> Names(long min, long max)
        {
            using var querier = db.CreateQuerier(min, max);
            var set = querier.Select(true, null, LabelMatcher.Equal(LabelNames.MetricName, "m"));
            var names = new List<string>();
            while (set.MoveNext())
            {
                names.Add(set.Current.Labels.Get("i"));
            }
            return names;
        }
        var expected = Enumerable.Range(0, 100).Select(i => i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expected, Names(0, 5000));
        Assert.Equal(expected, Names(0, 5000));
        AppendOne(db, Series("m", "i", "050a"), 6000, 1);
        Assert.Equal([.. expected[..51], "050a", .. expected[51..]], Names(0, 7000));
        Assert.Equal(["050a"], Names(5500, 7000));
    }

    [Fact]
    public void Reading_in_batches_yields_the_samples_one_by_one_reading_does()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path) with { OutOfOrderWindow = TimeSpan.FromHours(3) });
        var labels = Series("m");
        var appender = db.CreateAppender();
        var reference = SeriesRef.None;
        for (var i = 0; i < 300; i++)
        {
            appender.Append(ref reference, labels, 1_000_000 + (i * 15_000L), i);
        }
        appender.Commit();
        AppendOne(db, labels, 1_000_000 + 7_000, -1);
        const long min = 1_000_000 + 5_000, max = 1_000_000 + (250 * 15_000L);
        List<(long, double)> OneByOne()
        {
            using var querier = db.CreateQuerier(0, long.MaxValue);
            var set = querier.Select(false, null, LabelMatcher.Equal(LabelNames.MetricName, "m"));
            Assert.True(set.MoveNext());
            var iterator = set.Current.Iterator();
            var result = new List<(long, double)>();
            for (var kind = iterator.Seek(min); kind == SampleKind.Float && iterator.Timestamp <= max; kind = iterator.Next())
            {
                result.Add((iterator.Timestamp, iterator.Value));
            }
            return result;
        }
        List<(long, double)> Batched()
        {
            using var querier = db.CreateQuerier(0, long.MaxValue);
            var set = querier.Select(false, null, LabelMatcher.Equal(LabelNames.MetricName, "m"));
            Assert.True(set.MoveNext());
            var iterator = set.Current.Iterator();
            var result = new List<(long, double)>();
            var kind = iterator.Seek(min);
            var t = new long[7];
            var v = new double[7];
            int read;
            do
            {
                read = iterator.ReadFloats(ref kind, max, t, v);
                for (var i = 0; i < read; i++)
                {
                    result.Add((t[i], v[i]));
                }
            }
            while (read == t.Length);
            Assert.Equal(SampleKind.Float, kind); // the first sample after max stays current
            return result;
        }
        var expected = OneByOne();
        Assert.Equal(251, expected.Count);
        Assert.Equal((1_007_000L, -1.0), expected[0]);
        Assert.Equal(expected, Batched());
    }

    [Fact]
    public void Many_samples_span_several_chunks_and_keep_stale_markers()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path));
        var labels = Series("m");
        var appender = db.CreateAppender();
        var series = SeriesRef.None;
        for (var i = 0; i < 1000; i++)
        {
            appender.Append(ref series, labels, i * 15_000L, i == 500 ? StaleNaN.Value : i * 0.5);
        }
        appender.Commit();
        var samples = ReadAll(db)[labels.ToString()];
        Assert.Equal(1000, samples.Count);
        Assert.Equal(StaleNaN.Bits, samples[500].Bits);
        Assert.Equal(BitConverter.DoubleToUInt64Bits(999 * 0.5), samples[999].Bits);
        Assert.Equal(9, db.Stats.HeadChunks);
    }

    [Fact]
    public void Status_reports_top_metrics_and_label_cardinality()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path));
        for (var i = 0; i < 5; i++)
        {
            AppendOne(db, Series("big", "i", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), 1000, 1);
        }
        AppendOne(db, Series("small"), 2000, 1);
        var status = db.GetStatus(limit: 1);
        Assert.Equal(6, status.NumSeries);
        Assert.Equal(1000, status.MinTime);
        Assert.Equal(2000, status.MaxTime);
        Assert.Equal(new KeyValuePair<string, long>("big", 5), Assert.Single(status.SeriesCountByMetricName));
        Assert.Equal(new KeyValuePair<string, long>("i", 5), Assert.Single(status.LabelValueCountByLabelName));
    }
}
