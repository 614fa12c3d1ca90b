using Argus.Model.Regex;

namespace Argus.Model.Tests;

public class Re2RegexTests
{
    [Theory]
    [InlineData(@"\d+", "123", true)]
    [InlineData(@"\d+", "١٢٣", false)] // RE2's \d is ASCII only; .NET's would match Arabic-Indic digits.
    [InlineData(@"\w+", "héllo", false)]
    [InlineData(@"\s", "\u00a0", false)]
    [InlineData(@"[[:alpha:]]+", "abcXYZ", true)]
    [InlineData(@"[[:digit:]x]+", "12x3", true)]
    [InlineData(@"\pL+", "héllo", true)]
    [InlineData(@"(?P<first>a)b", "ab", true)]
    [InlineData(@"\Qa.b\E", "a.b", true)]
    [InlineData(@"\Qa.b\E", "axb", false)]
    [InlineData(@"[]a]+", "]a]", true)]
    [InlineData(@"[[a]+", "a[", true)]
    [InlineData(@"a{2,3}", "aaa", true)]
    public void RE2_syntax_keeps_RE2_meaning(string pattern, string input, bool expected) =>
        Assert.Equal(expected, Re2Regex.Compile(pattern).IsMatch(input));

    [Theory]
    [InlineData("a{1001}")]
    [InlineData(@"(a)\1")]
    [InlineData("(?U)a+")]
    [InlineData("[a")]
    [InlineData(@"a\")]
    [InlineData("(?<=a)b")]
    public void Patterns_RE2_rejects_are_rejected(string pattern) =>
        Assert.NotNull(Re2Regex.Validate(pattern));

    [Fact]
    public void Unanchored_compilation_finds_matches_inside_the_input() =>
        Assert.Matches(Re2Regex.Compile("b", fullyAnchored: false), "abc");
}
