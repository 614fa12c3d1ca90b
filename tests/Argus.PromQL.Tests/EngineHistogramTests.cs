using Argus.Model.Histograms;
using Argus.Model.Labels;
using Argus.PromQL.Engine;
using Argus.Storage;
using Argus.Storage.InMemory;

namespace Argus.PromQL.Tests;

public sealed class EngineHistogramTests
{
    private readonly PromqlEngine _engine = new();

    private static FloatHistogram H(string text) => HistogramNotation.Parse(text);

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a));

    private static void AssertHistogram(string expected, FloatHistogram? actual)
    {
        Assert.NotNull(actual);
        Assert.True(H(expected).Equivalent(actual, Close, compareHint: expected.Contains("counter_reset_hint", StringComparison.Ordinal)), $"expected {expected}, got {actual}");
    }

    private static InMemoryStorage Storage(params (string Series, long T, object Value)[] samples)
    {
        var storage = new InMemoryStorage();
        var appender = storage.CreateAppender();
        foreach (var (series, t, value) in samples)
        {
            var reference = SeriesRef.None;
            var labels = LabelSet.FromPairs("__name__", series);
            if (value is string text)
            {
                appender.AppendHistogram(ref reference, labels, t, H(text));
            }
            else
            {
                appender.Append(ref reference, labels, t, (double)value);
            }
        }
        appender.Commit();
        return storage;
    }

    private VectorSample One(InMemoryStorage storage, string expr, long t) => Assert.Single(_engine.Evaluate(storage, expr, t).Vector);

    [Fact]
    public void A_selector_returns_whichever_kind_of_sample_is_newest_at_each_step()
    {
        var storage = Storage(("h", 0, "{{count:2 sum:3 buckets:[2]}}"), ("h", 60_000, 5.0), ("h", 120_000, "{{count:4 sum:6 buckets:[4]}}"));

        AssertHistogram("{{count:2 sum:3 buckets:[2]}}", One(storage, "h", 30_000).H);
        Assert.Null(One(storage, "h", 90_000).H);
        Assert.Equal(5, One(storage, "h", 90_000).F);
        var range = Assert.Single(_engine.EvaluateRange(storage, "h", 0, 180_000, 60_000).Matrix);
        Assert.Equal([60_000L], range.Points.Select(p => p.T));
        Assert.Equal([0L, 120_000, 180_000], range.Histograms!.Select(p => p.T));
    }

    [Fact]
    public void Arithmetic_scales_and_adds_histograms_and_drops_meaningless_pairs_with_an_info()
    {
        var storage = Storage(("h", 0, "{{count:2 sum:3 buckets:[2]}}"));

        AssertHistogram("{{count:4 sum:6 buckets:[4]}}", One(storage, "h * 2", 0).H);
        AssertHistogram("{{count:4 sum:6 buckets:[4]}}", One(storage, "h + h", 0).H);
        AssertHistogram("{{count:1 sum:1.5 buckets:[1]}}", One(storage, "h / 2", 0).H);
        AssertHistogram("{{count:-2 sum:-3 buckets:[-2]}}", One(storage, "-h", 0).H);
        var invalid = _engine.Evaluate(storage, "h + 1", 0);
        Assert.Empty(invalid.Vector);
        Assert.Contains(invalid.Infos, i => i.Contains("incompatible sample types", StringComparison.Ordinal));
    }

    [Fact]
    public void Sum_and_avg_combine_histograms_and_refuse_to_mix_them_with_floats()
    {
        var storage = Storage(("a", 0, "{{count:2 sum:3 buckets:[2]}}"), ("b", 0, "{{count:2 sum:1 buckets:[0 2]}}"), ("c", 0, 7.0));

        AssertHistogram("{{count:4 sum:4 buckets:[2 2]}}", One(storage, "sum({__name__=~\"a|b\"})", 0).H);
        AssertHistogram("{{count:2 sum:2 buckets:[1 1]}}", One(storage, "avg({__name__=~\"a|b\"})", 0).H);
        Assert.Equal(3, One(storage, "count({__name__=~\"a|b|c\"})", 0).F);
        // Two counts of 1e308 overflow their sum; the mean is then built incrementally and stays finite.
        var huge = Storage(("a", 0, "{{count:1e308 sum:1 buckets:[1e308]}}"), ("b", 0, "{{count:1e308 sum:3 buckets:[1e308]}}"));
        AssertHistogram("{{count:1e308 sum:2 buckets:[1e308]}}", One(huge, "avg({__name__=~\"a|b\"})", 0).H);
        var mixed = _engine.Evaluate(storage, "sum({__name__=~\"a|c\"})", 0);
        Assert.Empty(mixed.Vector);
        Assert.Contains("PromQL warning: encountered a mix of histograms and floats for aggregation", mixed.Warnings);
    }

    [Fact]
    public void Histogram_functions_read_count_sum_quantiles_and_fractions()
    {
        // One bucket, (1,2], holding all 4 observations.
        var storage = Storage(("h", 0, "{{count:4 sum:6 buckets:[4] offset:1}}"));

        Assert.Equal(4, One(storage, "histogram_count(h)", 0).F);
        Assert.Equal(6, One(storage, "histogram_sum(h)", 0).F);
        Assert.Equal(1.5, One(storage, "histogram_avg(h)", 0).F);
        // The median sits halfway through the bucket on a log scale: 2^0.5.
        Assert.Equal(Math.Sqrt(2), One(storage, "histogram_quantile(0.5, h)", 0).F, 12);
        // 1.5 is log2(1.5) of the way through (1,2] on a log scale.
        Assert.Equal(Math.Log2(1.5), One(storage, "histogram_fraction(0, 1.5, h)", 0).F, 12);
        // Every observation is taken at the bucket's geometric mean √2, so the variance is (√2 - 1.5)².
        Assert.Equal(Math.Pow(Math.Sqrt(2) - 1.5, 2), One(storage, "histogram_stdvar(h)", 0).F, 12);
        // Every quantile at once, labelled: 0.25 and 0.75 of the bucket on the log scale.
        var quantiles = _engine.Evaluate(storage, "histogram_quantiles(h, \"q\", 0.25, 0.75)", 0).Vector.OrderBy(v => v.Metric.Get("q")).ToList();
        Assert.Equal(["0.25", "0.75"], quantiles.Select(v => v.Metric.Get("q")));
        Assert.Equal(Math.Pow(2, 0.25), quantiles[0].F, 12);
        Assert.Equal(Math.Pow(2, 0.75), quantiles[1].F, 12);
    }

    [Fact]
    public void A_metric_that_is_both_a_classic_and_a_native_histogram_gets_no_quantile_but_a_warning()
    {
        var storage = new InMemoryStorage();
        var appender = storage.CreateAppender();
        var reference = SeriesRef.None;
        appender.Append(ref reference, LabelSet.FromPairs("__name__", "m", "le", "+Inf"), 0, 3);
        reference = SeriesRef.None;
        appender.AppendHistogram(ref reference, LabelSet.FromPairs("__name__", "m"), 0, H("{{count:1 buckets:[1]}}"));
        appender.Commit();

        var result = _engine.Evaluate(storage, "histogram_quantile(0.5, m)", 0);

        Assert.Empty(result.Vector);
        Assert.Contains("PromQL warning: vector contains a mix of classic and native histograms for metric name \"m\"", result.Warnings);
    }

    [Fact]
    public void Rate_of_a_histogram_counter_extrapolates_like_a_float_counter_and_handles_resets()
    {
        var samples = new List<(string, long, object)>();
        for (var i = 0; i <= 4; i++)
        {
            samples.Add(("h", i * 60_000L, $"{{{{count:{i * 60} sum:{i * 60} buckets:[{i * 60}]}}}}"));
        }
        var storage = Storage([.. samples]);

        // Window (0, 240s] holds 60…240 s: an increase of 180 over 180 s, extended by 60 s at the start
        // (the average interval, no further than the zero point) to 240 over 240 s.
        AssertHistogram("{{count:1 sum:1 buckets:[1] counter_reset_hint:gauge}}", One(storage, "rate(h[4m])", 240_000).H);

        var reset = Storage(("r", 0, "{{count:10 sum:10 buckets:[10]}}"), ("r", 60_000, "{{count:20 sum:20 buckets:[20]}}"), ("r", 120_000, "{{count:5 sum:5 buckets:[5]}}"));
        // 10 → 20, then a reset to 5: the last sample counts whole, so irate is 5 per 60 s.
        AssertHistogram("{{count:5 sum:5 buckets:[5]}}", One(reset, "irate(r[2m]) * 60", 120_000).H);
        // The increase is 10 + 5 = 15 over the 120 s sampled; the window (-60s, 120s] reaches 60 s before
        // the first sample, within the average interval, so it is extended by that: 15 × 180 / 120.
        AssertHistogram("{{count:22.5 sum:22.5 buckets:[22.5]}}", One(reset, "increase(r[3m])", 120_000).H);
    }

    [Fact]
    public void Float_only_functions_leave_histograms_out_and_presence_checks_see_them()
    {
        var storage = Storage(("h", 0, "{{count:2 sum:3 buckets:[2]}}"), ("f", 0, 4.0));

        Assert.Equal(4, _engine.Evaluate(storage, "scalar({__name__=~\"h|f\"})", 0).Scalar);
        Assert.Equal(LabelSet.FromPairs("__name__", "f"), Assert.Single(_engine.Evaluate(storage, "sort({__name__=~\"h|f\"})", 0).Vector).Metric);
        Assert.Empty(_engine.Evaluate(storage, "absent_over_time(h[1m])", 0).Vector);
    }

    [Fact]
    public void A_subquery_compares_its_own_steps_for_counter_resets()
    {
        // The bucket moves at 30 s; stored hints compare neighbours 10 s apart, the subquery's steps are
        // 20 s apart, so the reset between the steps at 20 s and 40 s must be found again.
        var samples = new List<(string, long, object)>();
        for (var t = 0L; t <= 60_000; t += 10_000)
        {
            samples.Add(("h", t, t < 30_000 ? "{{count:1 sum:1 buckets:[1]}}" : "{{count:1 sum:1 buckets:[0 1]}}"));
        }
        var storage = Storage([.. samples]);

        var increase = One(storage, "increase(h[60s:20s])", 60_000).H;

        // Steps 20 s, 40 s, 60 s: 60 s minus 20 s plus the 20 s histogram again for the reset gives
        // bucket 1 an increase of 1 over the 40 s sampled; extrapolated 20 s back to the range start
        // (the zero point lies 40 s back, further) that is ×1.5.
        AssertHistogram("{{count:1.5 sum:1.5 buckets:[0 1.5]}}", increase);
    }
}
