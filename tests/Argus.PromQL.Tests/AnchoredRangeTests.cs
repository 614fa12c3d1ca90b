using Argus.PromQL.Ast;
using Argus.PromQL.Engine;
using Argus.PromQL.Parser;

namespace Argus.PromQL.Tests;

/// <summary>The experimental <c>anchored</c> range selector modifier.</summary>
public sealed class AnchoredRangeTests
{
    private static readonly PromqlEngineOptions EnabledOptions = new() { EnableExtendedRangeSelectors = true };

    // A counter with a reset between 120 s and 180 s; y has a sample long before its last one.
    private static readonly Argus.Storage.InMemory.InMemoryStorage Storage = ExperimentalStorage.With(
        (["__name__", "x"], [(0, 1), (60_000, 3), (120_000, 6), (180_000, 2), (240_000, 5)]),
        (["__name__", "y"], [(0, 10), (300_000, 15)]));

    private static double Single(string query, long t, PromqlEngineOptions? options = null) =>
        Assert.Single(new PromqlEngine(options ?? EnabledOptions).Evaluate(Storage, query, t).Vector).F;

    [Fact]
    public void Increase_takes_the_sample_before_the_window_and_counts_the_reset()
    {
        // Window (120 s, 240 s] holds 2, 5; the anchor is 6 at 120 s: 5 - 6 + 6 (reset) = 5, no extrapolation.
        Assert.Equal(5, Single("increase(x[2m] anchored)", 240_000));
        Assert.Equal(5.0 / 120, Single("rate(x[2m] anchored)", 240_000), 12);
    }

    [Fact]
    public void Delta_resets_and_changes_see_the_anchor()
    {
        Assert.Equal(-1, Single("delta(x[2m] anchored)", 240_000));
        Assert.Equal(1, Single("resets(x[2m] anchored)", 240_000));
        Assert.Equal(2, Single("changes(x[2m] anchored)", 240_000));
        // Without the anchor only 2 -> 5 is inside the window: no reset, one change.
        Assert.Equal(0, Single("resets(x[2m])", 240_000));
        Assert.Equal(1, Single("changes(x[2m])", 240_000));
    }

    [Fact]
    public void Without_an_earlier_sample_the_first_one_inside_anchors_the_window()
    {
        // Window (-60 s, 60 s] holds 1 and 3; nothing before it: 3 - 1 = 2, where plain increase extrapolates.
        Assert.Equal(2, Single("increase(x[2m] anchored)", 60_000));
        Assert.NotEqual(2, Single("increase(x[2m])", 60_000));
    }

    [Fact]
    public void The_anchor_must_lie_within_the_lookback_delta()
    {
        // Window (240 s, 300 s] holds 15; the sample at 0 s is 240 s before the start.
        Assert.Equal(5, Single("increase(y[1m] anchored)", 300_000));
        Assert.Equal(0, Single("increase(y[1m] anchored)", 300_000, EnabledOptions with { LookbackDelta = TimeSpan.FromMinutes(1) }));
    }

    [Fact]
    public void A_window_without_samples_gives_no_result_even_with_an_anchor()
    {
        Assert.Empty(new PromqlEngine(EnabledOptions).Evaluate(Storage, "increase(y[1m] anchored)", 200_000).Vector);
    }

    [Fact]
    public void Range_queries_anchor_every_step()
    {
        var result = new PromqlEngine(EnabledOptions).EvaluateRange(Storage, "increase(x[1m] anchored)", 60_000, 240_000, 60_000);
        var series = Assert.Single(result.Matrix);
        // 3-1, 6-3, reset 6 -> 2 counts 2, 5-2.
        Assert.Equal([2.0, 3.0, 2.0, 3.0], series.Points.Select(p => p.F));
    }

    [Fact]
    public void Anchored_is_refused_unless_the_feature_is_enabled()
    {
        var ex = Assert.Throws<PromqlException>(() => new PromqlEngine().Evaluate(Storage, "rate(x[1m] anchored)", 240_000));
        Assert.Contains("promql-extended-range-selectors", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorType.BadData, ex.ErrorType);
    }

    [Theory]
    [InlineData("rate(x[1m] anchored)", "rate(x[1m] anchored)")]
    [InlineData("increase(x[5m] anchored offset 1m)", "increase(x[5m] anchored offset 1m)")]
    [InlineData("increase(x[5m] offset 1m anchored)", "increase(x[5m] anchored offset 1m)")]
    [InlineData("rate(up[1m * 2] anchored)", "rate(up[60 * 2] anchored)")]
    [InlineData("anchored", "anchored")] // still a metric name
    public void Anchored_prints_back_canonically(string query, string printed)
    {
        var first = AstPrinter.Print(PromqlParser.Parse(query));
        Assert.Equal(printed, first);
        Assert.Equal(printed, AstPrinter.Print(PromqlParser.Parse(first)));
    }

    [Theory]
    [InlineData("sum_over_time(x[1m] anchored)", "anchored modifier can only be used with: changes, delta, increase, rate, resets")]
    [InlineData("irate(x[1m] anchored)", "anchored modifier can only be used with: changes, delta, increase, rate, resets")]
    [InlineData("x[1m] anchored", "anchored modifier can only be used with: changes, delta, increase, rate, resets")]
    [InlineData("rate(x[1m] anchored anchored)", "anchored may not be set multiple times")]
    [InlineData("rate(x[1m] smoothed)", "the smoothed range modifier is not supported by Argus")]
    [InlineData("x anchored", "unexpected identifier \"anchored\"")]
    public void Bad_anchored_use_is_rejected_with_the_cause(string query, string message)
    {
        var ex = Assert.Throws<PromqlParseException>(() => PromqlParser.Parse(query));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
