using Argus.Rules.UnitTesting;

namespace Argus.Rules.Tests.UnitTesting;

public sealed class RuleTestHistogramTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-ruletest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private IReadOnlyList<string> Run(string expectedHistogram)
    {
        File.WriteAllText(Path.Combine(_dir, "rules.yml"), "groups: []\n");
        var test = Path.Combine(_dir, "test.yml");
        File.WriteAllText(test, $$$"""
            rule_files: [rules.yml]
            tests:
              - interval: 1m
                input_series:
                  - series: h
                    values: "{{sum:3 count:2 buckets:[2]}}+{{sum:1 count:1 buckets:[1]}}x2"
                promql_expr_test:
                  - expr: h
                    eval_time: 2m
                    exp_samples:
                      - labels: h
                        histogram: "{{{expectedHistogram}}}"
            """);
        return new RuleTestRunner(TextWriter.Null, TextWriter.Null).RunFile(test);
    }

    [Fact]
    public void Histogram_input_series_expand_and_compare_with_the_expected_histogram()
    {
        Assert.Empty(Run("{{count:4 sum:5 buckets:[4]}}"));
        // The stored sample follows another histogram without a reset, so readers see not_reset.
        Assert.Empty(Run("{{count:4 sum:5 buckets:[4] counter_reset_hint:not_reset}}"));
    }

    [Fact]
    public void A_mismatch_prints_both_histograms_in_the_test_notation()
    {
        var errors = Run("{{count:4 sum:5 buckets:[3]}}");

        var error = Assert.Single(errors);
        Assert.Contains("expr: \"h\", time: 2m", error, StringComparison.Ordinal);
        Assert.Contains("exp: {__name__=\"h\"} {{count:4 sum:5 buckets:[3]}}", error, StringComparison.Ordinal);
        Assert.Contains("got: {__name__=\"h\"} {{count:4 sum:5 buckets:[4] counter_reset_hint:not_reset}}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_histogram_hint_is_compared_only_when_spelled_out()
    {
        Assert.Single(Run("{{count:4 sum:5 buckets:[4] counter_reset_hint:reset}}"));
    }
}
