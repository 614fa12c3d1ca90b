using Argus.Web.Api.Json;

namespace Argus.Web.Tests.Api;

public sealed class GoFloatTextTests
{
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
    public void Json_numbers_match_Go_encoding_json(double value, string expected) =>
        Assert.Equal(expected, GoFloatText.JsonNumber(value));

    [Theory]
    [InlineData(0.0, "0e+00")]
    [InlineData(1.0, "1e+00")]
    [InlineData(15.0, "1.5e+01")]
    [InlineData(0.00123, "1.23e-03")]
    [InlineData(1e100, "1e+100")]
    [InlineData(-3.0, "-3e+00")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    public void Exponent_form_matches_Go_FormatFloat_e(double value, string expected) =>
        Assert.Equal(expected, GoFloatText.ExponentForm(value));
}
