using Argus.Model.Histograms;

namespace Argus.Model.Tests;

public class FloatHistogramTests
{
    private static FloatHistogram H(string text) => HistogramNotation.Parse(text);

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(a));

    private static void AssertSame(string expected, FloatHistogram actual) =>
        Assert.True(H(expected).Equivalent(actual, Close, compareHint: true), $"expected {expected}, got {actual}");

    [Fact]
    public void Notation_parses_every_key_into_one_span_per_side_and_formats_back()
    {
        var h = H("{{schema:1 sum:-0.3 count:32.1 z_bucket:7.1 z_bucket_w:0.05 buckets:[5.1 10 7] offset:-3 n_buckets:[4.1 5] n_offset:-5 counter_reset_hint:gauge}}");

        Assert.Equal(1, h.Schema);
        Assert.Equal(-0.3, h.Sum);
        Assert.Equal(32.1, h.Count);
        Assert.Equal(7.1, h.ZeroCount);
        Assert.Equal(0.05, h.ZeroThreshold);
        Assert.Equal([new HistogramSpan(-3, 3)], h.PositiveSpans);
        Assert.Equal([5.1, 10, 7], h.PositiveBuckets);
        Assert.Equal([new HistogramSpan(-5, 2)], h.NegativeSpans);
        Assert.Equal([4.1, 5], h.NegativeBuckets);
        Assert.Equal(CounterResetHint.Gauge, h.CounterResetHint);
        Assert.Equal("{{schema:1 count:32.1 sum:-0.3 z_bucket:7.1 z_bucket_w:0.05 offset:-3 buckets:[5.1 10 7] n_offset:-5 n_buckets:[4.1 5] counter_reset_hint:gauge}}", h.ToString());
    }

    [Theory]
    [InlineData("{{sum:1 sum:2}}", "key \"sum\" given twice")]
    [InlineData("{{bogus:1}}", "unknown key \"bogus\"")]
    [InlineData("{{schema:9}}", "schema 9 is neither")]
    [InlineData("{{count:x}}", "count must be a number")]
    [InlineData("{{custom_values:[1]}}", "custom_values need schema -53")]
    [InlineData("{{counter_reset_hint:maybe}}", "counter_reset_hint must be")]
    [InlineData("{sum:1}", "double braces")]
    public void Bad_notation_names_the_key_and_cause(string text, string fragment)
    {
        var e = Assert.Throws<FormatException>(() => H(text));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equivalence_ignores_empty_buckets_and_span_splitting_but_not_bucket_positions()
    {
        Assert.True(H("{{buckets:[0 1] offset:0}}").Equivalent(H("{{buckets:[1] offset:1}}"), Close));
        Assert.False(H("{{buckets:[1] offset:0}}").Equivalent(H("{{buckets:[1] offset:1}}"), Close));
        Assert.True(H("{{counter_reset_hint:reset}}").Equivalent(H("{{}}"), Close));
        Assert.False(H("{{counter_reset_hint:reset}}").Equivalent(H("{{}}"), Close, compareHint: true));
    }

    [Fact]
    public void Compaction_drops_empty_buckets_and_splits_spans_at_the_gaps()
    {
        var compacted = H("{{buckets:[0 1 0 0 2 3 0] offset:-2}}").Compact();

        Assert.Equal([new HistogramSpan(-1, 1), new HistogramSpan(2, 2)], compacted.PositiveSpans);
        Assert.Equal([1.0, 2, 3], compacted.PositiveBuckets);
    }

    [Fact]
    public void Addition_and_subtraction_work_bucket_by_bucket()
    {
        AssertSame("{{count:3 sum:4.3 buckets:[3]}}", H("{{sum:3 count:2 buckets:[2]}}").Add(H("{{sum:1.3 count:1 buckets:[1]}}")));
        AssertSame("{{count:1 sum:1.7 buckets:[1 0 -1] offset:-1}}", H("{{sum:3 count:2 buckets:[2] offset:-1}}").Subtract(H("{{sum:1.3 count:1 buckets:[1 0 1] offset:-1}}")));
    }

    [Fact]
    public void Addition_reduces_the_finer_schema_to_the_coarser_one()
    {
        // Schema 1 buckets 0…3 are (0.71,1], (1,1.41], (1.41,2], (2,2.83]; in schema 0 they fall into
        // (0.5,1], (1,2], (1,2] and (2,4].
        var sum = H("{{schema:1 count:10 sum:10 buckets:[1 2 3 4]}}").Add(H("{{schema:0 count:1 sum:1.5 buckets:[1] offset:1}}"));

        AssertSame("{{schema:0 count:11 sum:11.5 buckets:[1 6 4]}}", sum);
    }

    [Fact]
    public void A_wider_zero_bucket_takes_in_the_buckets_it_overlaps_and_grows_to_their_upper_bound()
    {
        // Threshold 0.6 overlaps (0.5,1], so that bucket joins the zero bucket, which then reaches 1;
        // (1,2] starts at the new threshold and stays.
        var sum = H("{{count:1 z_bucket:1 z_bucket_w:0.6}}").Add(H("{{count:5 buckets:[2 3]}}"));

        AssertSame("{{count:6 z_bucket:3 z_bucket_w:1 buckets:[3] offset:1}}", sum);
    }

    [Fact]
    public void Different_custom_bounds_are_reconciled_to_the_bounds_both_share()
    {
        var a = H("{{schema:-53 count:6 custom_values:[1 2] buckets:[1 2 3]}}");

        AssertSame("{{schema:-53 count:12 custom_values:[1 2] buckets:[2 4 6]}}", a.Add(a, out var same));
        Assert.False(same);
        // Shared bounds: [1]. a becomes (-Inf,1]:1, (1,+Inf]:5; b's (1,3]:1 and (3,+Inf]:1 join (1,+Inf].
        var sum = a.Add(H("{{schema:-53 count:3 custom_values:[1 3] buckets:[1 1 1]}}"), out var reconciled);
        Assert.True(reconciled);
        AssertSame("{{schema:-53 count:9 custom_values:[1] buckets:[2 7]}}", sum);
        Assert.Throws<HistogramMismatchException>(() => a.Add(H("{{buckets:[1]}}")));
        // A bound added between two samples is no counter reset when no shared bucket went down.
        Assert.False(H("{{schema:-53 count:1 custom_values:[5 10] buckets:[1]}}").DetectReset(H("{{schema:-53 count:1 custom_values:[5] buckets:[1]}}")));
    }

    [Fact]
    public void Compensated_addition_keeps_small_values_that_huge_ones_would_swallow()
    {
        FloatHistogram? compensation = null;
        var sum = H("{{count:1 sum:1 buckets:[1]}}");
        foreach (var text in new[] { "{{count:1 sum:1e100 buckets:[1e100]}}", "{{count:1 sum:1 buckets:[1]}}", "{{count:1 sum:-1e100 buckets:[-1e100]}}" })
        {
            sum = sum.KahanAdd(H(text), ref compensation, out _);
        }

        // Plain addition gives sum 0 and bucket 0 here; with the carried error both are 2.
        Assert.Equal(0, H("{{sum:1}}").Add(H("{{sum:1e100}}")).Add(H("{{sum:1}}")).Add(H("{{sum:-1e100}}")).Sum);
        AssertSame("{{count:4 sum:2 buckets:[2]}}", sum.Add(compensation!));
    }

    [Fact]
    public void Trimming_keeps_the_share_on_one_side_and_rebuilds_the_sum_from_bucket_means()
    {
        var h = H("{{sum:9 count:10 z_bucket:1 z_bucket_w:0.001 buckets:[2 4] n_buckets:[1 2]}}");

        // Below 2: everything. Below 1: (0.5,1] whole, (1,2] cut off; the sum is each kept bucket's count
        // times its geometric mean: 2·√0.5 for (0.5,1], -1·√0.5 for [-1,-0.5), -2·√2 for [-2,-1).
        Assert.Same(h, h.Trimmed(2, keepBelow: true));
        AssertSame($"{{{{count:6 sum:{Math.Sqrt(0.5) - (2 * Math.Sqrt(2))} z_bucket:1 z_bucket_w:0.001 buckets:[2 0] n_buckets:[1 2]}}}}", h.Trimmed(1, keepBelow: true));
        // Above √2: half of (1,2] on the log scale, valued at √(√2·2).
        AssertSame($"{{{{count:2 sum:{2 * Math.Sqrt(Math.Sqrt(2) * 2)} z_bucket_w:0.001 buckets:[0 2] n_buckets:[0 0]}}}}", h.Trimmed(Math.Sqrt(2), keepBelow: false));
        // Custom buckets interpolate linearly; the +Inf bucket is never below a finite cut-off.
        var custom = H("{{schema:-53 sum:20 count:4 custom_values:[5 10] buckets:[1 2 1]}}");
        AssertSame("{{schema:-53 count:2 sum:8.75 custom_values:[5 10] buckets:[1 1 0]}}", custom.Trimmed(7.5, keepBelow: true));
    }

    [Fact]
    public void Scaling_and_division_change_every_count_and_the_sum()
    {
        AssertSame("{{count:8 sum:-2 z_bucket:2 buckets:[4 2] n_buckets:[2]}}", H("{{count:4 sum:-1 z_bucket:1 buckets:[2 1] n_buckets:[1]}}").Scale(2));
        AssertSame("{{count:1 sum:0.5 buckets:[0.25 0.75]}}", H("{{count:4 sum:2 buckets:[1 3]}}").Divide(4));
    }

    [Fact]
    public void A_counter_reset_is_a_drop_in_count_or_in_any_bucket_or_a_reset_hint()
    {
        var previous = H("{{count:3 sum:3 buckets:[1 2]}}");

        Assert.False(H("{{count:4 sum:4 buckets:[2 2]}}").DetectReset(previous));
        Assert.True(H("{{count:4 sum:4 buckets:[0 4]}}").DetectReset(previous));
        Assert.True(H("{{count:2 sum:4 buckets:[1 1]}}").DetectReset(previous));
        Assert.True(H("{{count:4 sum:4 buckets:[2 2] counter_reset_hint:reset}}").DetectReset(previous));
        Assert.False(H("{{count:1 counter_reset_hint:not_reset}}").DetectReset(previous));
        // A finer schema cannot follow a coarser one without a reset; a coarser one can.
        Assert.True(H("{{schema:1 count:4 buckets:[1 2]}}").DetectReset(H("{{schema:0 count:3 buckets:[1]}}")));
        Assert.False(H("{{schema:0 count:4 buckets:[1 3]}}").DetectReset(H("{{schema:1 count:3 buckets:[1 1 1]}}")));
    }

    [Fact]
    public void Buckets_come_in_ascending_order_with_their_bounds()
    {
        var buckets = H("{{z_bucket:1 z_bucket_w:0.001 buckets:[1 2] offset:-1 n_buckets:[3]}}").Buckets().ToList();

        Assert.Equal(
            [
                new HistogramBucket(-1, -0.5, 3, true, false),
                new HistogramBucket(-0.001, 0.001, 1, true, true),
                new HistogramBucket(0.25, 0.5, 1, false, true),
                new HistogramBucket(0.5, 1, 2, false, true),
            ],
            buckets);
        Assert.Equal(
            [
                new HistogramBucket(double.NegativeInfinity, 1, 1, false, true),
                new HistogramBucket(1, 2, 2, false, true),
                new HistogramBucket(2, double.PositiveInfinity, 3, false, true),
            ],
            H("{{schema:-53 custom_values:[1 2] buckets:[1 2 3]}}").Buckets());
    }

    [Fact]
    public void Exponential_bounds_follow_the_schema()
    {
        Assert.Equal(2, FloatHistogram.Bound(8, 3));
        Assert.Equal(Math.Sqrt(2), FloatHistogram.Bound(4, 3), 12);
        Assert.Equal(16, FloatHistogram.Bound(1, -2));
        Assert.Equal(0.5, FloatHistogram.Bound(-1, 0));
    }
}
