using Argus.Model.Labels;
using Argus.PromQL.Ast;
using Argus.PromQL.Engine;
using Argus.Storage;
using Argus.Storage.InMemory;

namespace Argus.PromQL.Tests;

public sealed class EngineTests
{
    private static InMemoryStorage StorageWith(int seriesCount, int samplesPerSeries, long stepMs)
    {
        var storage = new InMemoryStorage();
        var appender = storage.CreateAppender();
        for (var s = 0; s < seriesCount; s++)
        {
            var labels = LabelSet.FromPairs("__name__", "requests_total", "instance", "i" + s);
            var series = SeriesRef.None;
            for (var i = 0; i < samplesPerSeries; i++)
            {
                appender.Append(ref series, labels, i * stepMs, i * (s + 1));
            }
        }
        appender.Commit();
        return storage;
    }

    [Fact]
    public void Instant_query_sums_the_latest_samples_and_drops_the_name()
    {
        var engine = new PromqlEngine();
        var result = engine.Evaluate(StorageWith(3, 11, 60_000), "sum(requests_total)", 600_000);
        Assert.Equal(PromValueType.Vector, result.Type);
        var sample = Assert.Single(result.Vector);
        Assert.Equal(LabelSet.Empty, sample.Metric);
        Assert.Equal(60, sample.F);
    }

    [Fact]
    public void Range_query_returns_one_point_per_step_sorted_by_labels()
    {
        var engine = new PromqlEngine();
        var result = engine.EvaluateRange(StorageWith(2, 11, 60_000), "rate(requests_total[2m])", 120_000, 600_000, 60_000);
        Assert.Equal(PromValueType.Matrix, result.Type);
        Assert.Equal(2, result.Matrix.Count);
        Assert.True(result.Matrix[0].Metric.CompareTo(result.Matrix[1].Metric) < 0);
        Assert.All(result.Matrix[0].Points, p => Assert.Equal(1.0 / 60, p.F, 9));
        Assert.Equal(9, result.Matrix[1].Points.Count);
    }

    [Fact]
    public void Lookback_window_is_left_open()
    {
        var engine = new PromqlEngine();
        var storage = StorageWith(1, 1, 60_000);
        Assert.Single(engine.Evaluate(storage, "requests_total", 299_999).Vector);
        Assert.Empty(engine.Evaluate(storage, "requests_total", 300_000).Vector);
    }

    [Fact]
    public void Exceeding_max_samples_is_an_execution_error()
    {
        var engine = new PromqlEngine(new PromqlEngineOptions { MaxSamples = 100 });
        var ex = Assert.Throws<PromqlException>(() => engine.Evaluate(StorageWith(200, 2, 1000), "requests_total", 1000));
        Assert.Equal(ErrorType.Execution, ex.ErrorType);
        Assert.Contains("too many samples", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_query_reports_canceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var engine = new PromqlEngine();
        var ex = Assert.Throws<PromqlException>(() => engine.Evaluate(StorageWith(1, 10, 1000), "requests_total", 5000, cts.Token));
        Assert.Equal(ErrorType.Canceled, ex.ErrorType);
        Assert.Equal("canceled", ex.ErrorTypeName);
    }

    [Fact]
    public void A_query_over_its_timeout_reports_timeout()
    {
        // A timeout below a millisecond expires at once, so the outcome does not depend on machine speed.
        var engine = new PromqlEngine(new PromqlEngineOptions { Timeout = TimeSpan.FromTicks(1) });
        var storage = StorageWith(50, 2000, 1000);
        var ex = Assert.Throws<PromqlException>(() =>
            engine.EvaluateRange(storage, "sum_over_time(rate(requests_total[1m])[30m:1s])", 0, 2_000_000, 1000));
        Assert.Equal(ErrorType.Timeout, ex.ErrorType);
    }

    [Fact]
    public void Hostile_range_queries_get_clear_bad_data_errors()
    {
        var engine = new PromqlEngine();
        var storage = StorageWith(1, 10, 1000);
        var tooManySteps = Assert.Throws<PromqlException>(() => engine.EvaluateRange(storage, "requests_total", 0, 100_000_000, 1));
        Assert.Equal(ErrorType.BadData, tooManySteps.ErrorType);
        Assert.Contains("11,000 points", tooManySteps.Message, StringComparison.Ordinal);
        var parse = Assert.Throws<PromqlException>(() => engine.Evaluate(storage, "sum(", 0));
        Assert.Equal(ErrorType.BadData, parse.ErrorType);
        var matrix = Assert.Throws<PromqlException>(() => engine.EvaluateRange(storage, "requests_total[5m]", 0, 10_000, 1000));
        Assert.Contains("invalid expression type \"range vector\"", matrix.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_to_many_matching_fails_with_prometheus_wording()
    {
        var engine = new PromqlEngine();
        var ex = Assert.Throws<PromqlException>(() => engine.Evaluate(StorageWith(2, 5, 1000), "requests_total + on() requests_total", 4000));
        Assert.Contains("many-to-many matching not allowed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instant_query_through_the_async_api_matches_synchronous_evaluationAsync()
    {
        var engine = new PromqlEngine();
        var storage = StorageWith(2, 5, 1000);
        var result = await engine.InstantQueryAsync(storage, "max(requests_total)", DateTimeOffset.FromUnixTimeMilliseconds(4000));
        Assert.Equal(8, Assert.Single(result.Vector).F);
        Assert.Equal(1, engine.Stats.QueriesTotal);
    }

    [Fact]
    public void Rate_on_a_non_counter_name_returns_an_info_annotation()
    {
        var storage = new InMemoryStorage();
        var appender = storage.CreateAppender();
        var series = SeriesRef.None;
        for (var i = 0; i < 5; i++)
        {
            appender.Append(ref series, LabelSet.FromPairs("__name__", "temperature"), i * 1000, i);
        }
        appender.Commit();
        var result = new PromqlEngine().Evaluate(storage, "rate(temperature[10s])", 4000);
        Assert.Contains(result.Infos, i => i.StartsWith("PromQL info: metric might not be a counter", StringComparison.Ordinal));
    }

    [Theory]
    // The name stays out of the result whether or not the range function dropped it first.
    [InlineData("sum by (instance) (rate(requests_total[2m]))", "{instance=\"i0\"}|{instance=\"i1\"}")]
    [InlineData("sum without (instance) (rate(requests_total[2m]))", "{}")]
    // Grouping by the name sees it already dropped by rate, as Prometheus does.
    [InlineData("sum by (__name__) (rate(requests_total[2m]))", "{}")]
    // Operators that return their input series return them without the name.
    [InlineData("topk(1, rate(requests_total[2m]))", "{instance=\"i1\"}")]
    [InlineData("sum by (instance) (abs(rate(requests_total[2m])))", "{instance=\"i0\"}|{instance=\"i1\"}")]
    public void Aggregating_a_range_function_never_shows_the_dropped_name(string query, string expected)
    {
        var engine = new PromqlEngine();
        var result = engine.EvaluateRange(StorageWith(2, 11, 60_000), query, 120_000, 600_000, 60_000);
        var metrics = string.Join("|", result.Matrix.Select(s => s.Metric.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(expected, metrics);
    }

    [Fact]
    public void Summing_rates_of_two_metrics_with_the_same_other_labels_adds_both()
    {
        var storage = new InMemoryStorage();
        var appender = storage.CreateAppender();
        foreach (var name in new[] { "a_total", "b_total" })
        {
            var series = SeriesRef.None;
            for (var i = 0; i < 11; i++)
            {
                appender.Append(ref series, LabelSet.FromPairs("__name__", name, "instance", "x"), i * 60_000L, i * 60.0);
            }
        }
        appender.Commit();
        var result = new PromqlEngine().EvaluateRange(storage, "sum by (instance) (rate({__name__=~\"a_total|b_total\"}[2m]))", 120_000, 600_000, 60_000);
        var series1 = Assert.Single(result.Matrix);
        Assert.All(series1.Points, p => Assert.Equal(2.0, p.F, 9));
    }

    [Fact]
    public void A_range_function_over_thousands_of_series_gives_every_series_its_own_values_in_order()
    {
        // Enough series for the range function to run on several cores.
        const int Many = 3000;
        var storage = StorageWith(Many, 11, 60_000);
        var result = new PromqlEngine().EvaluateRange(storage, "rate(requests_total[2m])", 120_000, 600_000, 60_000);
        Assert.Equal(Many, result.Matrix.Count);
        for (var i = 1; i < Many; i++)
        {
            Assert.True(result.Matrix[i - 1].Metric.CompareTo(result.Matrix[i].Metric) < 0);
        }
        foreach (var series in result.Matrix)
        {
            var s = int.Parse(series.Metric.Get("instance")[1..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(9, series.Points.Count);
            Assert.All(series.Points, p => Assert.Equal((s + 1) / 60.0, p.F, 12));
        }
    }

    [Fact]
    public void A_limit_hit_while_a_range_function_runs_on_several_cores_is_a_query_error()
    {
        var storage = StorageWith(3000, 11, 60_000);
        var engine = new PromqlEngine(new PromqlEngineOptions { MaxSamples = 5 });
        var error = Assert.Throws<PromqlException>(() => engine.EvaluateRange(storage, "rate(requests_total[10m])", 600_000, 600_000, 60_000));
        Assert.Contains("too many samples", error.Message, StringComparison.Ordinal);
    }
}
