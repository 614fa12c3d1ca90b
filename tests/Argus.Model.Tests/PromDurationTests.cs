using Argus.Model.Time;

namespace Argus.Model.Tests;

public class PromDurationTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("15s", 15_000L)]
    [InlineData("1h30m", 5_400_000L)]
    [InlineData("2d", 172_800_000L)]
    [InlineData("1w", 604_800_000L)]
    [InlineData("1y", 31_536_000_000L)]
    [InlineData("20s500ms", 20_500L)]
    [InlineData("1y2w3d4h5m6s7ms", 31_536_000_000L + 1_209_600_000L + 259_200_000L + 14_400_000L + 300_000L + 6_000L + 7L)]
    public void Valid_durations_parse_to_milliseconds(string text, long expected) =>
        Assert.Equal(expected, PromDuration.ParseMilliseconds(text));

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.5s")]
    [InlineData("-1s")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("1x")]
    [InlineData(" 1s")]
    [InlineData("99999999999999999999y")]
    public void Invalid_durations_are_rejected_with_a_reason(string text)
    {
        Assert.False(PromDuration.TryParseMilliseconds(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(90_000L, "1m30s")]
    [InlineData(5_400_000L, "1h30m")]
    [InlineData(1_500L, "1s500ms")]
    [InlineData(86_400_000L, "1d")]
    [InlineData(1_209_600_000L, "2w")]
    public void Formatting_prints_the_canonical_form(long ms, string expected) =>
        Assert.Equal(expected, PromDuration.FormatMilliseconds(ms));
}
