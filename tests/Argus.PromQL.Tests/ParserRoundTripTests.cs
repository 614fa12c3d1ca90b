using Argus.PromQL.Parser;

namespace Argus.PromQL.Tests;

public sealed class ParserRoundTripTests
{
    [Theory]
    [InlineData("up", "up")]
    [InlineData("http_requests_total{job=\"api\",method!~'GET|POST'}", "http_requests_total{job=\"api\", method!~\"GET|POST\"}")]
    [InlineData("rate(x[5m] offset -1h30m)", "rate(x[5m] offset -1h30m)")]
    [InlineData("h</ 2 >/-1", "h </ 2 >/ -1")]
    [InlineData("x @ 1609746000 offset 5m", "x @ 1609746000.000 offset 5m")]
    [InlineData("sum(rate(x[1m] @ start()))", "sum(rate(x[1m] @ start()))")]
    [InlineData("sum without (a, b) (x)", "sum without (a, b) (x)")]
    [InlineData("sum(x) by (job)", "sum by (job) (x)")]
    [InlineData("topk(3, x)", "topk(3, x)")]
    [InlineData("+up", "+up")] // Prometheus keeps a unary plus on a vector
    [InlineData("+1", "1")]
    [InlineData("{a=\"b\", \"my.metric\"}", "{\"my.metric\", a=\"b\"}")]
    [InlineData("count_values(\"v\", x)", "count_values(\"v\", x)")]
    [InlineData("a + on(job) group_left(instance) b", "a + on (job) group_left (instance) b")]
    [InlineData("a > bool ignoring(x) b", "a > bool ignoring (x) b")]
    [InlineData("a and on() b", "a and on () b")]
    [InlineData("max_over_time(deriv(x[5m])[1h:30s])", "max_over_time(deriv(x[5m])[1h:30s])")]
    [InlineData("x[10m:]", "x[10m:]")]
    [InlineData("-x ^ 2", "-x ^ 2")]
    [InlineData("2 ^ 3 ^ 2", "2 ^ 3 ^ 2")]
    [InlineData("0x1F + 1e3 - .5", "31 + 1000 - 0.5")]
    [InlineData("Inf - NaN", "Inf - NaN")]
    [InlineData("`raw\\string`", "\"raw\\\\string\"")]
    [InlineData("x # a comment\n + y", "x + y")]
    [InlineData("SUM BY (job) (x) AND y", "sum by (job) (x) and y")]
    [InlineData("{\"utf8.metric\", job=\"a\"}", "{\"utf8.metric\", job=\"a\"}")]
    [InlineData("label_replace(x, \"dst\", \"$1\", \"src\", \"(.*)\")", "label_replace(x, \"dst\", \"$1\", \"src\", \"(.*)\")")]
    public void Printing_gives_canonical_text_that_parses_back_to_the_same_text(string query, string expected)
    {
        var printed = PromqlParser.Parse(query).ToString();
        Assert.Equal(expected, printed);
        Assert.Equal(printed, PromqlParser.Parse(printed).ToString());
    }

    [Fact]
    public void Precedence_follows_prometheus()
    {
        Assert.Equal("a + b * c", PromqlParser.Parse("a + b * c").ToString());
        var expr = (Ast.BinaryExpr)PromqlParser.Parse("a or b and c unless d");
        Assert.Equal(Ast.BinaryOp.Or, expr.Op);
        var pow = (Ast.UnaryExpr)PromqlParser.Parse("-a ^ b");
        Assert.IsType<Ast.BinaryExpr>(pow.Operand);
    }

    [Theory]
    [InlineData("sum(x", "1:6: parse error: unexpected end of input in aggregation")]
    [InlineData("x{a=\"b\"", "1:8: parse error: unexpected end of input in label matching, expected \",\" or \"}\"")]
    [InlineData("foo(x)", "1:1: parse error: unknown function with name \"foo\"")]
    [InlineData("rate(x)", "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector")]
    [InlineData("1 > 2", "1:1: parse error: comparisons between scalars must use BOOL modifier")]
    [InlineData("x[5m] + 1", "1:1: parse error: binary expression must contain only scalar and instant vector types")]
    [InlineData("{a=~\".*\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher")]
    [InlineData("x +\n  )", "2:3: parse error: unexpected \")\"")]
    [InlineData("1 and 2", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression")]
    [InlineData("x offset 5m offset 1m", "1:13: parse error: offset may not be set multiple times")]
    [InlineData("\"unterminated", "1:1: parse error: unterminated quoted string")]
    [InlineData("x{a=~\"(\"}", "1:6: parse error:")]
    public void Errors_name_line_column_and_cause(string query, string expectedPrefix)
    {
        var ex = Assert.Throws<PromqlParseException>(() => PromqlParser.Parse(query));
        Assert.StartsWith(expectedPrefix, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_rejected_with_a_clear_error_instead_of_overflowing_the_stack()
    {
        var query = new string('(', 100_000) + "1" + new string(')', 100_000);
        var ex = Assert.Throws<PromqlParseException>(() => PromqlParser.Parse(query));
        Assert.Contains("nesting is too deep", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duration_expressions_keep_their_text_when_printed()
    {
        Assert.Equal("rate(x[5 * 60])", PromqlParser.Parse("rate(x[5*60])").ToString());
        Assert.Equal("x offset step()", PromqlParser.Parse("x offset step()").ToString());
    }
}
