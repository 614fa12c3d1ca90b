using Argus.LoadTool.Data;

namespace Argus.LoadTool.Tests;

public sealed class NodeLikeDataSetTests
{
    [Fact]
    public void An_instance_has_about_a_hundred_metric_names_with_the_standard_labels()
    {
        var data = new NodeLikeDataSet(NodeLikeDataSet.SeriesPerInstance * 3, 1, 15_000, 1_700_000_000_000);

        Assert.Equal(3, data.Instances);
        Assert.Equal(104, data.Series.Select(s => s.MetricName).Distinct().Count());
        var labelNames = data.Series.SelectMany(s => s.LabelPairs.Where((_, i) => i % 2 == 0)).ToHashSet();
        Assert.Equal(["__name__", "cpu", "device", "instance", "job", "le", "mode"], labelNames.Order(StringComparer.Ordinal));
        foreach (var series in data.Series)
        {
            var names = series.LabelPairs.Where((_, i) => i % 2 == 0).ToArray();
            Assert.Equal(names.Order(StringComparer.Ordinal), names);
        }
    }

    [Fact]
    public void Values_depend_only_on_seed_series_and_step_whatever_the_order_of_generation()
    {
        var a = new NodeLikeDataSet(500, 4, 15_000, 1_700_000_000_000, seed: 7);
        var b = new NodeLikeDataSet(500, 4, 15_000, 1_700_000_000_000, seed: 7);
        var c = new NodeLikeDataSet(500, 4, 15_000, 1_700_000_000_000, seed: 8);
        var differs = false;

        // a walks series-major, b step-major: the same values must come out.
        var fromA = new double[500, 4];
        for (var s = 0; s < 500; s++)
        {
            for (var step = 0; step < 4; step++)
            {
                fromA[s, step] = a.NextValue(s, step);
            }
        }
        for (var step = 0; step < 4; step++)
        {
            for (var s = 0; s < 500; s++)
            {
                Assert.Equal(fromA[s, step], b.NextValue(s, step));
                differs |= c.NextValue(s, step) != fromA[s, step];
            }
        }
        Assert.True(differs, "another seed must give other data");
    }

    [Fact]
    public void Counters_and_histogram_counts_start_far_from_zero()
    {
        var data = new NodeLikeDataSet(NodeLikeDataSet.SeriesPerInstance * 3, 2, 15_000, 1_700_000_000_000);
        var checkedSeries = 0;
        for (var s = 0; s < data.Series.Length; s++)
        {
            var first = data.NextValue(s, 0);
            var kind = data.Series[s].Kind;
            if (kind == SeriesKind.Counter || (kind == SeriesKind.HistogramBucket && data.Series[s].BucketShare == 1.0))
            {
                // A window holds at most a few thousand of increase; the zero point lies hundreds of windows back.
                Assert.True(first >= NodeLikeDataSet.CounterFloor, $"{data.Series[s].MetricName} starts at {first}");
                checkedSeries++;
            }
            else if (kind == SeriesKind.HistogramBucket)
            {
                Assert.True(first >= NodeLikeDataSet.CounterFloor * data.Series[s].BucketShare - 1, $"{data.Series[s].MetricName} starts at {first}");
            }
        }
        Assert.True(checkedSeries > 100);
    }

    [Fact]
    public void Histogram_buckets_stay_cumulative_at_every_step()
    {
        var data = new NodeLikeDataSet(NodeLikeDataSet.SeriesPerInstance, 20, 15_000, 1_700_000_000_000);
        var buckets = Enumerable.Range(0, data.Series.Length)
            .Where(s => data.Series[s].MetricName == "node_http_request_duration_seconds_bucket")
            .ToArray();
        Assert.Equal(8, buckets.Length);

        var sawGrowth = false;
        for (var step = 0; step < 20; step++)
        {
            var values = new double[data.Series.Length];
            for (var s = 0; s < data.Series.Length; s++)
            {
                values[s] = data.NextValue(s, step);
            }
            for (var i = 1; i < buckets.Length; i++)
            {
                Assert.True(values[buckets[i]] >= values[buckets[i - 1]], $"step {step}: bucket {i} below bucket {i - 1}");
            }
            sawGrowth |= values[buckets[^1]] > 0;
        }
        Assert.True(sawGrowth);
    }

    [Fact]
    public void The_last_sample_ends_at_or_before_the_requested_end_and_off_the_grid()
    {
        var end = 1_700_000_123_456L;
        var data = new NodeLikeDataSet(10, 240, 15_000, end);

        Assert.Equal(0, data.FirstTimestampMs % NodeLikeDataSet.GridMs);
        Assert.True(data.LastTimestampMs <= end);
        Assert.True(end - data.LastTimestampMs < NodeLikeDataSet.GridMs + 15_000);
        for (var s = 0; s < 10; s++)
        {
            Assert.InRange(data.Timestamp(s, 239) % 15_000, 3, 7);
        }
    }
}
