using Argus.Alerting.Matchers;
using Argus.Model.Labels;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Alerting.Tests.Matchers;

public sealed class MatcherParserTests
{
    [Fact]
    public void Braced_list_with_all_four_operators_is_parsed_in_order()
    {
        var ms = MatcherParser.Parse("{a=\"1\", b!=\"2\", c=~\"x.*\", d!~\"y|z\"}");
        Assert.Equal(
            [(MatchType.Equal, "a", "1"), (MatchType.NotEqual, "b", "2"), (MatchType.Regex, "c", "x.*"), (MatchType.NotRegex, "d", "y|z")],
            ms.Select(m => (m.Type, m.Name, m.Value)).ToArray());
    }

    [Fact]
    public void Braces_are_optional_and_values_may_be_unquoted()
    {
        var m = Assert.Single(MatcherParser.Parse("foo=bar"));
        Assert.Equal(("foo", "bar"), (m.Name, m.Value));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData("  { }  ")]
    public void Empty_input_means_no_matchers(string input) => Assert.Empty(MatcherParser.Parse(input));

    [Fact]
    public void Trailing_comma_is_allowed()
    {
        Assert.Equal(2, MatcherParser.ParseUtf8("{foo=bar, baz=qux,}").Count);
    }

    [Fact]
    public void Quoted_values_resolve_go_escapes()
    {
        var m = Assert.Single(MatcherParser.ParseUtf8("foo=\"a\\\"b\\\\c\\nd\\u00e9\""));
        Assert.Equal("a\"b\\c\nd\u00e9", m.Value);
    }

    [Fact]
    public void Hex_escapes_are_bytes_that_must_form_valid_utf8()
    {
        Assert.Equal("🙂", MatcherParser.ParseUtf8("{\"foo\"=\"\\xf0\\x9f\\x99\\x82\"}")[0].Value);
        Assert.Equal("🙂", MatcherParser.ParseUtf8("{\"foo\"=\"\\U0001f642\"}")[0].Value);
        Assert.Equal("🙂bar", MatcherParser.ParseUtf8("{foo=🙂bar}")[0].Value);
        var e = Assert.Throws<MatcherParseException>(() => MatcherParser.ParseUtf8("{\"foo\"=\"\\xf0\\x9f\"}"));
        Assert.Contains("invalid input", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(",")]
    [InlineData("{,}")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("{foo=:\"bar\"}")]
    [InlineData("{foo=bar\\n}")]
    public void Upstream_error_cases_of_the_utf8_syntax_are_errors(string input) =>
        Assert.Throws<MatcherParseException>(() => MatcherParser.ParseUtf8(input));

    [Fact]
    public void When_both_syntaxes_accept_but_disagree_the_classic_reading_wins()
    {
        // \u00e9 is an escape in the UTF-8 syntax but a literal backslash-u in the classic one.
        Assert.Equal("d\\u00e9", MatcherParser.ParseSingle("foo=\"d\\u00e9\"").Value);
    }

    [Fact]
    public void Commas_and_braces_inside_quotes_are_part_of_the_value()
    {
        var m = MatcherParser.ParseSingle("{foo=\"a,b}c\"}");
        Assert.Equal("a,b}c", m.Value);
    }

    [Fact]
    public void Utf8_label_names_may_be_quoted_or_unquoted()
    {
        var quoted = MatcherParser.ParseSingle("{\"service.name🙂\"=\"api\"}");
        Assert.Equal("service.name🙂", quoted.Name);
        var unquoted = MatcherParser.ParseSingle("fooλ=bar");
        Assert.Equal("fooλ", unquoted.Name);
    }

    [Fact]
    public void Regex_matchers_are_fully_anchored()
    {
        var m = MatcherParser.ParseSingle("job=~\"api|web\"");
        Assert.True(m.Matches("api"));
        Assert.False(m.Matches("xapi"));
        Assert.False(m.Matches("api2"));
    }

    [Theory]
    [InlineData("{foo=bar")]
    [InlineData("foo=bar}")]
    [InlineData("{foo=bar baz}")]
    [InlineData("{foo}")]
    [InlineData("{foo=\"bar}")]
    [InlineData("{foo=\"\\q\"}")]
    [InlineData("{=bar}")]
    public void Utf8_syntax_rejects_malformed_input(string input)
    {
        var e = Assert.Throws<MatcherParseException>(() => MatcherParser.ParseUtf8(input));
        Assert.Matches("^[0-9]+: ", e.Message);
    }

    [Fact]
    public void Fallback_uses_the_classic_syntax_when_only_it_accepts_the_input()
    {
        // Unquoted value with a space: the UTF-8 syntax rejects it, the classic syntax keeps it.
        var m = MatcherParser.ParseSingle("foo=bar baz");
        Assert.Equal("bar baz", m.Value);
        // A missing closing brace is tolerated by the classic syntax.
        Assert.Equal("bar", MatcherParser.ParseSingle("{foo=bar").Value);
    }

    [Fact]
    public void Classic_syntax_keeps_a_spurious_escape_literally()
    {
        Assert.Equal("a\\db", MatcherParser.ParseClassic("foo=\"a\\db\"")[0].Value);
        Assert.Equal("a\\db", MatcherParser.ParseSingle("foo=\"a\\db\"").Value);
    }

    [Fact]
    public void Classic_syntax_rejects_an_unescaped_quote_inside_the_value()
    {
        var e = Assert.Throws<MatcherParseException>(() => MatcherParser.ParseClassic("foo=\"a\"b\""));
        Assert.Contains("unescaped double quote", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("{foo=~\"(\"}")]
    [InlineData("=bar")]
    public void Input_both_syntaxes_reject_is_an_error(string input) =>
        Assert.Throws<MatcherParseException>(() => MatcherParser.Parse(input));

    [Fact]
    public void Parse_single_requires_exactly_one_matcher()
    {
        var e = Assert.Throws<MatcherParseException>(() => MatcherParser.ParseSingle("{a=b,c=d}"));
        Assert.Contains("found 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_quotes_names_that_are_not_classic_label_names()
    {
        var ms = MatcherParser.Parse("{b=~\"x\", a=\"1\", \"k.8s\"=\"v\"}").Order(Comparer<LabelMatcher>.Create(MatcherParser.Compare));
        Assert.Equal("{a=\"1\",b=~\"x\",\"k.8s\"=\"v\"}", MatcherParser.Format(ms));
    }
}
