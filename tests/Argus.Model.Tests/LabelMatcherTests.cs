using Argus.Model.Labels;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Model.Tests;

public class LabelMatcherTests
{
    [Theory]
    [InlineData(MatchType.Equal, "api", "api", true)]
    [InlineData(MatchType.Equal, "api", "apix", false)]
    [InlineData(MatchType.NotEqual, "api", "web", true)]
    [InlineData(MatchType.NotEqual, "", "", false)]
    [InlineData(MatchType.Regex, "a.*", "abc", true)]
    [InlineData(MatchType.Regex, "a.*", "xabc", false)]
    [InlineData(MatchType.Regex, "b", "abc", false)]
    [InlineData(MatchType.Regex, "api|web", "web", true)]
    [InlineData(MatchType.Regex, "api|web", "webx", false)]
    [InlineData(MatchType.Regex, ".*", "", true)]
    [InlineData(MatchType.Regex, ".+", "", false)]
    [InlineData(MatchType.Regex, ".*", "a\nb", false)]
    [InlineData(MatchType.Regex, "(?s).*", "a\nb", true)]
    [InlineData(MatchType.Regex, "foo.*", "foo\nbar", false)]
    [InlineData(MatchType.NotRegex, "5..", "503", false)]
    [InlineData(MatchType.NotRegex, "5..", "200", true)]
    [InlineData(MatchType.Regex, "(?i)API", "api", true)]
    [InlineData(MatchType.Regex, "x$", "x\n", false)]
    public void Matchers_are_fully_anchored(MatchType type, string pattern, string value, bool expected) =>
        Assert.Equal(expected, new LabelMatcher(type, "l", pattern).Matches(value));

    [Fact]
    public void Literal_alternations_expose_their_set_for_index_lookups()
    {
        var m = new LabelMatcher(MatchType.Regex, "job", "a|b|c");
        Assert.NotNull(m.SetMatches);
        Assert.Equal(3, m.SetMatches!.Count);
        Assert.Null(new LabelMatcher(MatchType.Regex, "job", "a.|b").SetMatches);
    }

    [Fact]
    public void An_invalid_regex_is_rejected_with_the_pattern_in_the_message()
    {
        var e = Assert.Throws<ArgumentException>(() => new LabelMatcher(MatchType.Regex, "a", "(unclosed"));
        Assert.Contains("(unclosed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_empty_tells_whether_absent_labels_match()
    {
        Assert.True(new LabelMatcher(MatchType.Regex, "a", "x|").MatchesEmpty);
        Assert.False(new LabelMatcher(MatchType.Equal, "a", "x").MatchesEmpty);
    }

    [Fact]
    public void ToString_prints_PromQL_notation() =>
        Assert.Equal("job=~\"a\\\"b\"", new LabelMatcher(MatchType.Regex, "job", "a\"b").ToString());
}
