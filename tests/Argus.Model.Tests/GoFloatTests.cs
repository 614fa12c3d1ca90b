using Argus.Model.Formatting;

namespace Argus.Model.Tests;

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
    public void FormatG_matches_Go_strconv_g_shortest(double value, string expected)
    {
        Assert.Equal(expected, GoFloat.FormatG(value));
    }

    [Theory]
    [InlineData(1e-7, "1e-07")]
    [InlineData(1.5e21, "1.5e+21")]
    [InlineData(0, "0e+00")]
    [InlineData(-123.25, "-1.2325e+02")]
    public void FormatE_matches_Go_strconv_e_shortest(double value, string expected)
    {
        Assert.Equal(expected, GoFloat.FormatE(value));
    }

    [Theory]
    [InlineData(1e6, "1000000")]
    [InlineData(0.000123, "0.000123")]
    [InlineData(0, "0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e21, "1000000000000000000000")]
    public void FormatF_matches_Go_strconv_f_shortest(double value, string expected)
    {
        Assert.Equal(expected, GoFloat.FormatF(value));
    }

    [Fact]
    public void Negative_zero_keeps_its_sign()
    {
        Assert.Equal("-0", GoFloat.FormatG(-0.0));
        Assert.Equal("-0", GoFloat.FormatF(-0.0));
        Assert.Equal("-0e+00", GoFloat.FormatE(-0.0));
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    public void Non_finite_values_use_Go_spelling_in_every_format(double value, string expected)
    {
        Assert.Equal(expected, GoFloat.FormatG(value));
        Assert.Equal(expected, GoFloat.FormatF(value));
        Assert.Equal(expected, GoFloat.FormatE(value));
    }

    [Fact]
    public void ShortestDigits_of_a_float32_round_trip_through_float32()
    {
        Assert.Equal(("1", 0), GoFloat.ShortestDigits(0.1f, is32Bit: true));
        Assert.Equal(("10000000149011612", 0), GoFloat.ShortestDigits(0.1f));
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(300.0, "300")]
    [InlineData(0.0125, "0.0125")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(1.5e20, "150000000000000000000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.25e-7, "1.25e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e100, "1e+100")]
    public void FormatJson_matches_Go_encoding_json(double value, string expected) =>
        Assert.Equal(expected, GoFloat.FormatJson(value));
}
