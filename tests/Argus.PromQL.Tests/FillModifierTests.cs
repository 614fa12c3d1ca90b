using Argus.PromQL.Ast;
using Argus.PromQL.Engine;
using Argus.PromQL.Parser;

namespace Argus.PromQL.Tests;

/// <summary>The experimental fill(), fill_left() and fill_right() binary operator modifiers.</summary>
public sealed class FillModifierTests
{
    private const long T = 60_000;

    private static readonly PromqlEngine Enabled = new(new PromqlEngineOptions { EnableBinopFillModifiers = true });

    // a{k="1"}=10, a{k="2"}=20; b{k="2"}=2, b{k="3"}=3; c{k="3",y="r"}=3.
    private static readonly Argus.Storage.InMemory.InMemoryStorage Storage = ExperimentalStorage.With(
        (["__name__", "a", "k", "1"], [(T, 10)]),
        (["__name__", "a", "k", "2"], [(T, 20)]),
        (["__name__", "b", "k", "2"], [(T, 2)]),
        (["__name__", "b", "k", "3"], [(T, 3)]),
        (["__name__", "c", "k", "3", "y", "r"], [(T, 3)]));

    private static Dictionary<string, double> Eval(string query) =>
        Enabled.Evaluate(Storage, query, T).Vector.ToDictionary(s => s.Metric.ToString(), s => s.F);

    [Fact]
    public void Fill_pairs_unmatched_series_of_both_sides_with_the_value()
    {
        var result = Eval("a + fill(0) b");
        Assert.Equal(new Dictionary<string, double> { ["{k=\"1\"}"] = 10, ["{k=\"2\"}"] = 22, ["{k=\"3\"}"] = 3 }, result);
    }

    [Fact]
    public void Fill_left_only_stands_in_for_missing_left_series()
    {
        var result = Eval("a + fill_left(100) b");
        Assert.Equal(new Dictionary<string, double> { ["{k=\"2\"}"] = 22, ["{k=\"3\"}"] = 103 }, result);
    }

    [Fact]
    public void Fill_right_only_stands_in_for_missing_right_series()
    {
        var result = Eval("a + fill_right(100) b");
        Assert.Equal(new Dictionary<string, double> { ["{k=\"1\"}"] = 110, ["{k=\"2\"}"] = 22 }, result);
    }

    [Fact]
    public void Fill_left_and_fill_right_take_separate_values()
    {
        var result = Eval("a - fill_left(1) fill_right(5) b");
        Assert.Equal(new Dictionary<string, double> { ["{k=\"1\"}"] = 5, ["{k=\"2\"}"] = 18, ["{k=\"3\"}"] = -2 }, result);
    }

    [Fact]
    public void Comparison_with_fill_filters_and_keeps_the_left_value()
    {
        // k1: 10 > 15 fails; k2: 20 > 2 keeps a's sample with its name; k3: filled 15 > 3 keeps 15.
        var result = Eval("a > fill(15) b");
        Assert.Equal(new Dictionary<string, double> { ["{__name__=\"a\", k=\"2\"}"] = 20, ["{k=\"3\"}"] = 15 }, result);
    }

    [Fact]
    public void Bool_comparison_with_fill_gives_zero_or_one_for_every_pair()
    {
        var result = Eval("a > bool fill(15) b");
        Assert.Equal(new Dictionary<string, double> { ["{k=\"1\"}"] = 0, ["{k=\"2\"}"] = 1, ["{k=\"3\"}"] = 1 }, result);
    }

    [Fact]
    public void Filled_left_series_carry_only_the_matching_labels()
    {
        Assert.Equal(new Dictionary<string, double> { ["{k=\"1\"}"] = 10, ["{k=\"2\"}"] = 20, ["{k=\"3\"}"] = 3 }, Eval("a + on(k) fill(0) c"));
        Assert.Equal(new Dictionary<string, double> { ["{k=\"1\"}"] = 10, ["{k=\"2\"}"] = 20, ["{k=\"3\"}"] = 3 }, Eval("a + ignoring(y) fill(0) c"));
    }

    [Fact]
    public void Fill_works_when_one_side_is_empty()
    {
        Assert.Equal(new Dictionary<string, double> { ["{k=\"2\"}"] = 1, ["{k=\"3\"}"] = 2 }, Eval("nothing + fill(-1) b"));
        Assert.Empty(Eval("nothing + fill_right(-1) b"));
    }

    [Fact]
    public void Two_left_series_for_one_filled_right_series_fail_like_a_real_match()
    {
        var ex = Assert.Throws<PromqlException>(() => Enabled.Evaluate(Storage, "a + on() fill_right(0) nothing", T));
        Assert.Contains("multiple matches for labels", ex.Message, StringComparison.Ordinal);
    }

    // req{m="g",s="200"}=100, req{m="p",s="200"}=200, req{m="g",s="500"}=10; lim{s="200"}=1000, lim{s="404"}=500.
    private static readonly Argus.Storage.InMemory.InMemoryStorage Grouped = ExperimentalStorage.With(
        (["__name__", "req", "m", "g", "s", "200"], [(T, 100)]),
        (["__name__", "req", "m", "p", "s", "200"], [(T, 200)]),
        (["__name__", "req", "m", "g", "s", "500"], [(T, 10)]),
        (["__name__", "lim", "s", "200"], [(T, 1000)]),
        (["__name__", "lim", "s", "404"], [(T, 500)]));

    private static Dictionary<string, double> EvalGrouped(string query) =>
        Enabled.Evaluate(Grouped, query, T).Vector.ToDictionary(s => s.Metric.ToString(), s => s.F);

    [Fact]
    public void Group_left_fill_right_stands_in_for_the_missing_one_side()
    {
        Assert.Equal(new Dictionary<string, double>
        {
            ["{m=\"g\", s=\"200\"}"] = 1100,
            ["{m=\"p\", s=\"200\"}"] = 1200,
            ["{m=\"g\", s=\"500\"}"] = 10,
        }, EvalGrouped("req + on(s) group_left fill_right(0) lim"));
    }

    [Fact]
    public void Group_left_fill_left_gives_one_series_with_the_match_group_labels()
    {
        Assert.Equal(new Dictionary<string, double>
        {
            ["{m=\"g\", s=\"200\"}"] = 1100,
            ["{m=\"p\", s=\"200\"}"] = 1200,
            ["{s=\"404\"}"] = 500,
        }, EvalGrouped("req + on(s) group_left fill_left(0) lim"));
    }

    [Fact]
    public void Group_right_keeps_fill_right_for_the_one_side_and_fill_left_for_the_many_side()
    {
        // As in Prometheus' fill-modifier tests: the sides swap for group_right, the fill values do not.
        Assert.Equal(new Dictionary<string, double>
        {
            ["{m=\"g\", s=\"200\"}"] = 100_000,
            ["{m=\"p\", s=\"200\"}"] = 200_000,
            ["{m=\"g\", s=\"500\"}"] = 20, // missing lim filled with 2: 2 * 10
        }, EvalGrouped("lim * on(s) group_right fill_right(2) req"));
        Assert.Equal(new Dictionary<string, double>
        {
            ["{m=\"g\", s=\"200\"}"] = 900,
            ["{m=\"p\", s=\"200\"}"] = 800,
            ["{s=\"404\"}"] = 499, // missing req filled with 1: 500 - 1
        }, EvalGrouped("lim - on(s) group_right fill_left(1) req"));
    }

    [Fact]
    public void Fill_is_refused_unless_the_feature_is_enabled()
    {
        var ex = Assert.Throws<PromqlException>(() => new PromqlEngine().Evaluate(Storage, "a + fill(0) b", T));
        Assert.Contains("promql-binop-fill-modifiers", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorType.BadData, ex.ErrorType);
    }

    [Theory]
    [InlineData("a + fill(0) b", "a + fill(0) b")]
    [InlineData("a + on(k) fill_left(1) b", "a + on (k) fill_left(1) b")]
    [InlineData("a - fill_right(-2.5) fill_left(1) b", "a - fill_left(1) fill_right(-2.5) b")]
    [InlineData("a > bool ignoring(y) fill(NaN) b", "a > bool ignoring (y) fill(NaN) b")]
    [InlineData("a * fill_left(Inf) fill_right(Inf) b", "a * fill(Inf) b")]
    [InlineData("a / on(k) group_left(x) fill_right(1) b", "a / on (k) group_left (x) fill_right(1) b")]
    [InlineData("a + fill", "a + fill")] // a metric named fill still parses
    public void Fill_modifiers_print_back_canonically(string query, string printed)
    {
        var first = AstPrinter.Print(PromqlParser.Parse(query));
        Assert.Equal(printed, first);
        Assert.Equal(printed, AstPrinter.Print(PromqlParser.Parse(first)));
    }

    [Theory]
    [InlineData("a and fill(0) b", "fill modifiers are not allowed with set operator \"and\"")]
    [InlineData("a or fill_left(0) b", "fill modifiers are not allowed with set operator \"or\"")]
    [InlineData("a + fill(0) 1", "fill modifiers only allowed between instant vectors")]
    [InlineData("a + fill(0) fill_left(1) b", "fill modifiers may not be set multiple times")]
    [InlineData("a + fill_right(0) fill_right(1) b", "fill modifiers may not be set multiple times")]
    [InlineData("a + fill(x) b", "unexpected identifier \"x\" in fill modifier, expected a number")]
    public void Bad_fill_modifiers_are_rejected_with_the_cause(string query, string message)
    {
        var ex = Assert.Throws<PromqlParseException>(() => PromqlParser.Parse(query));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_syntax_finder_reports_fill()
    {
        Assert.Equal(ExperimentalSyntaxKinds.FillModifiers, ExperimentalSyntax.Used(PromqlParser.Parse("sum(a + fill(0) b)")));
        Assert.Equal(ExperimentalSyntaxKinds.None, ExperimentalSyntax.Used(PromqlParser.Parse("sum(a + b)")));
    }
}
