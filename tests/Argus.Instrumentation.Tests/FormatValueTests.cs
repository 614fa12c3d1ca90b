using Argus.Instrumentation.Exposition;

namespace Argus.Instrumentation.Tests;

// The digit layout itself is covered by Argus.Model.Tests.GoFloatTests; these check that the exposition
// writer uses it and spells the special values the way the text format expects.
public class FormatValueTests
{
    [Theory]
    [InlineData(1e6, "1e+06")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(123456, "123456")]
    [InlineData(1234567, "1.234567e+06")]
    [InlineData(0, "0")]
    [InlineData(-2.5, "-2.5")]
    public void Finite_values_are_formatted_like_Go_strconv_g_shortest(double value, string expected)
    {
        Assert.Equal(expected, ExpositionWriter.FormatValue(value));
    }

    [Fact]
    public void Negative_zero_keeps_its_sign()
    {
        Assert.Equal("-0", ExpositionWriter.FormatValue(-0.0));
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    public void Special_values_use_the_exposition_spelling(double value, string expected)
    {
        Assert.Equal(expected, ExpositionWriter.FormatValue(value));
    }
}
