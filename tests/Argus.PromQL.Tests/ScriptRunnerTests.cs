using Argus.Model;
using Argus.PromQL.Testing;

namespace Argus.PromQL.Tests;

public sealed class ScriptRunnerTests
{
    [Fact]
    public void Expanding_notation_uses_repeated_addition_gaps_and_stale_markers()
    {
        var slots = SeriesNotation.ParseValues("0+0.1x3 _x2 stale 1e3 -2x1 0x1F 5-1x2");
        Assert.Equal(0.1 + 0.1 + 0.1, slots[3].Value);
        Assert.Equal(SlotKind.Empty, slots[4].Kind);
        Assert.Equal(SlotKind.Empty, slots[5].Kind);
        Assert.True(StaleNaN.Is(slots[6].Value));
        Assert.Equal(1000, slots[7].Value);
        Assert.Equal([-2.0, -2.0], slots.Skip(8).Take(2).Select(s => s.Value));
        Assert.Equal(31, slots[10].Value);
        Assert.Equal([5.0, 4.0, 3.0], slots.Skip(11).Select(s => s.Value));
    }

    [Fact]
    public void Histogram_notation_expands_copies_and_running_sums()
    {
        var copies = SeriesNotation.ParseValues("{{count:1 buckets:[1]}}x2 1");
        Assert.Equal([SlotKind.Histogram, SlotKind.Histogram, SlotKind.Histogram, SlotKind.Float], copies.Select(s => s.Kind));
        var sums = SeriesNotation.ParseValues("{{count:1 buckets:[1]}}+{{count:2 buckets:[0 2]}}x2");
        Assert.Equal([1.0, 3, 5], sums.Select(s => s.Histogram!.Count));
        Assert.Equal([1.0, 4], sums[2].Histogram!.PositiveBuckets);
        var differences = SeriesNotation.ParseValues("{{count:9}}-{{count:2}}x1");
        Assert.Equal([9.0, 7], differences.Select(s => s.Histogram!.Count));
        var e = Assert.Throws<FormatException>(() => SeriesNotation.ParseValues("{{schema:1 count:1}}+{{schema:0 count:1}}x1"));
        Assert.Contains("finer schema", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Histogram_results_compare_ignoring_empty_buckets_and_count_as_native_histogram_cases()
    {
        const string script = """
            load 1m
                h {{count:2 sum:3 buckets:[2]}}+{{count:1 sum:1 buckets:[1]}}x2

            eval instant at 2m h
                h {{count:4 sum:5 buckets:[0 4] offset:-1 counter_reset_hint:not_reset}}

            eval range from 0 to 2m step 1m h * 2
                {} {{count:4 sum:6 buckets:[4]}} {{count:6 sum:8 buckets:[6]}} {{count:8 sum:10 buckets:[8]}}

            eval instant at 2m h
                h {{count:4 sum:5 buckets:[3]}}

            eval instant at 2m h
                h 4
            """;
        var summary = new PromqlScriptRunner(TextWriter.Null).RunScript("h.test", script);
        Assert.Equal(2, summary.HistogramPassed);
        Assert.Equal(2, summary.HistogramFailed);
        Assert.Contains(summary.Failures, f => f.Contains("expected {{count:4 sum:5 buckets:[3]}}", StringComparison.Ordinal));
        Assert.Contains(summary.Failures, f => f.Contains("expected float 4, got histogram", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_with_nhcb_turns_classic_bucket_series_into_custom_bucket_histograms_beside_them()
    {
        // Cumulative buckets 3 (le 1) and 5 (+Inf) become buckets [3 2] with bound 1; count and sum come
        // from their own series; the classic series stay.
        const string script = """
            load_with_nhcb 1m
                rt_bucket{le="1", job="a"}     3
                rt_bucket{le="+Inf", job="a"}  5
                rt_count{job="a"}              5
                rt_sum{job="a"}                4.5

            eval instant at 0 rt
                rt{job="a"} {{schema:-53 count:5 sum:4.5 custom_values:[1] buckets:[3 2]}}

            eval instant at 0 rt_bucket{le="1"}
                rt_bucket{le="1", job="a"} 3
            """;
        var summary = new PromqlScriptRunner(TextWriter.Null).RunScript("nhcb.test", script);
        Assert.Empty(summary.Failures);
        Assert.Equal(2, summary.Passed);
    }

    [Fact]
    public void The_worked_example_of_the_readme_passes_and_a_wrong_expectation_fails()
    {
        const string script = """
            load 5m
                http_requests_total{job="api", instance="0"}  0+10x10
                http_requests_total{job="api", instance="1"}  0+20x10

            load 1m
                up{job="api", instance="0"}  1 1 _ stale

            eval instant at 50m sum by (job) (http_requests_total)
                {job="api"} 300

            eval range from 0 to 4m step 1m up
                up{job="api", instance="0"} 1 1 1 _ _

            eval instant at 50m topk(1, http_requests_total)
                expect ordered
                http_requests_total{job="api", instance="1"} 200

            eval instant at 50m http_requests_total + on(job) http_requests_total
                expect fail

            eval instant at 50m sum(http_requests_total)
                301

            clear
            """;
        var output = new StringWriter();
        var summary = new PromqlScriptRunner(output) { CheckRangeMode = true, CheckAtModifierVariants = true }.RunScript("example", script);
        Assert.Equal(4, summary.FloatPassed);
        Assert.Equal(1, summary.FloatFailed);
        Assert.Contains("expected scalar 301", Assert.Single(summary.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Float_comparison_follows_the_readme_tolerance()
    {
        Assert.True(PromqlScriptRunner.FloatEquals(1, 1 + 1e-7));
        Assert.False(PromqlScriptRunner.FloatEquals(1, 1 + 1e-5));
        Assert.True(PromqlScriptRunner.FloatEquals(double.NaN, double.NaN));
        Assert.False(PromqlScriptRunner.FloatEquals(double.NaN, StaleNaN.Value));
        Assert.False(PromqlScriptRunner.FloatEquals(0, 1e-300));
    }
}
