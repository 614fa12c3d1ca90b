using Argus.Instrumentation.Exposition;

namespace Argus.Instrumentation.Tests;

public class GoFloatTests
{
    [Theory]
    [InlineData(1e6, "1e+06")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(123456, "123456")]
    [InlineData(1234567, "1.234567e+06")]
    [InlineData(1.5, "1.5")]
    [InlineData(0, "0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(100, "100")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(0.005, "0.005")]
    [InlineData(2.5e-5, "2.5e-05")]
    [InlineData(-1e100, "-1e+100")]
    [InlineData(12345.678, "12345.678")]
    [InlineData(1.8446744073709552e19, "1.8446744073709552e+19")]
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
